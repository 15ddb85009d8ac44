package io.nubo.compute.keypair;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key pairs of type {@code x509} (microversion 2.2, Nova's {@code crypto.py}): an imported PEM certificate, or a
 * generated RSA key with a self-signed certificate for the user (Nova's {@code generate_winrm_x509_cert}). The
 * fingerprint is the SHA-1 of the certificate's DER, colon separated, as Nova's {@code generate_x509_fingerprint}.
 */
final class X509Keys {

    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String PEM_END = "-----END CERTIFICATE-----";
    // sha256WithRSAEncryption and commonName, DER-encoded OIDs
    private static final byte[] SHA256_RSA = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
        0x0b};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};

    private X509Keys() {
    }

    /** The fingerprint of a PEM certificate; {@link IllegalArgumentException} when it is not one. */
    static String fingerprint(String pem) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
            return fingerprintOf(cert.getEncoded());
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("failed to generate fingerprint");
        }
    }

    /** A new key and its self-signed certificate, valid ten years, with {@code commonName} as subject. */
    static SshKeys.Generated generate(String commonName) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            byte[] algorithm = seq(cat(tlv(0x06, SHA256_RSA), tlv(0x05, new byte[0])));
            byte[] name = seq(tlv(0x31, seq(cat(tlv(0x06, COMMON_NAME),
                    tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8))))));
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
            byte[] validity = seq(cat(tlv(0x17, now.format(utc).getBytes(StandardCharsets.US_ASCII)),
                    tlv(0x17, now.plusYears(10).format(utc).getBytes(StandardCharsets.US_ASCII))));
            byte[] serial = tlv(0x02, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE).toByteArray());
            byte[] version = tlv(0xa0, tlv(0x02, new byte[] {2}));
            byte[] tbs = seq(cat(version, serial, algorithm, name, validity, name, pair.getPublic().getEncoded()));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(pair.getPrivate());
            s.update(tbs);
            byte[] signed = s.sign();
            // a BIT STRING: a leading byte of unused bits (none)
            byte[] signature = new byte[signed.length + 1];
            System.arraycopy(signed, 0, signature, 1, signed.length);
            byte[] der = seq(cat(tbs, algorithm, tlv(0x03, signature)));
            String cert = PEM_BEGIN + "\n" + mime(der) + "\n" + PEM_END + "\n";
            String key = "-----BEGIN PRIVATE KEY-----\n" + mime(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new SshKeys.Generated(cert, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fingerprintOf(byte[] der) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < hex.length(); i += 2) {
                b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
            }
            return b.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mime(byte[] der) {
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    }

    private static byte[] seq(byte[] content) {
        return tlv(0x30, content);
    }

    /** One DER element: tag, definite length, content. */
    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 128) {
            out.write(n);
        } else {
            byte[] len = BigInteger.valueOf(n).toByteArray();
            int start = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - start));
            out.write(len, start, len.length - start);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
