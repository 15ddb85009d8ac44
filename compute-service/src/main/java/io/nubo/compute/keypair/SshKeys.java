package io.nubo.compute.keypair;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * OpenSSH public keys in their one-line wire format ({@code type base64-blob comment}): parsing with the checks
 * Nova's fingerprinting makes, the MD5 fingerprint Nova shows, and generation of an RSA key pair (the JDK has
 * every primitive; the blob is RFC 4253's string/mpint encoding).
 */
final class SshKeys {

    static final Set<String> TYPES = Set.of("ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");

    /** A parsed public key: its type and blob. */
    record PublicKey(String type, byte[] blob) {

        /** Nova's fingerprint: MD5 over the blob, colon-separated hex. */
        String fingerprint() {
            try {
                byte[] md5 = MessageDigest.getInstance("MD5").digest(blob);
                return HexFormat.ofDelimiter(":").formatHex(md5);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A generated pair: the public key line and the private key in PEM (PKCS#8, which OpenSSH reads). */
    record Generated(String publicKey, String privateKey) {
    }

    private SshKeys() {
    }

    /** Parses a public key line; throws IllegalArgumentException with a reason a user can act on. */
    static PublicKey parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2 || !TYPES.contains(parts[0])) {
            throw new IllegalArgumentException("failed to generate fingerprint");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to generate fingerprint");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        String inner = new String(readString(b), StandardCharsets.US_ASCII);
        if (!inner.equals(parts[0])) {
            throw new IllegalArgumentException("key type " + parts[0] + " does not match its data (" + inner + ")");
        }
        if (parts[0].equals("ssh-ed25519") && readString(b).length != 32) {
            throw new IllegalArgumentException("an ssh-ed25519 key has 32 bytes");
        }
        if (parts[0].equals("ssh-rsa")) {
            readString(b);
            if (new BigInteger(1, readString(b)).bitLength() < 1024) {
                throw new IllegalArgumentException("RSA keys shorter than 1024 bits are refused");
            }
        }
        return new PublicKey(parts[0], blob);
    }

    private static byte[] readString(ByteBuffer b) {
        if (b.remaining() < 4) {
            throw new IllegalArgumentException("failed to generate fingerprint");
        }
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("failed to generate fingerprint");
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    static Generated generateRsa(String comment) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            writeString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
            writeString(blob, pub.getPublicExponent().toByteArray());
            writeString(blob, pub.getModulus().toByteArray());
            String line = "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new Generated(line, pem);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(data);
    }
}
