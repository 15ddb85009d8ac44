package io.nubo.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ACCP in first place on this platform, and giving the JDK's answers: digests equal, signatures cross-verify. */
class NativeCryptoTest {

    @BeforeAll
    static void install() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "ACCP's native library is built for Linux on x86-64 only");
        assertThat(NativeCrypto.install(true)).as("ACCP loads and passes its self-test").isTrue();
    }

    @Test
    void theDigestsSignaturesAndRandomNumbersAreAwsLcs() throws Exception {
        assertThat(MessageDigest.getInstance("MD5").getProvider().getName())
                .isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        assertThat(MessageDigest.getInstance("SHA-512").getProvider().getName())
                .isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        assertThat(Signature.getInstance("SHA256withECDSA").getProvider().getName())
                .isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        assertThat(new SecureRandom().getProvider().getName()).isEqualTo(AmazonCorrettoCryptoProvider.PROVIDER_NAME);
        assertThat(NativeCrypto.install(false)).as("the first answer stands").isTrue();
    }

    @Test
    void digestsEqualTheJdksOwnIncludingAfterAClone() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new SecureRandom().nextBytes(data);
        for (String alg : new String[] {"MD5", "SHA-1", "SHA-256", "SHA-512"}) {
            MessageDigest accp = MessageDigest.getInstance(alg);
            MessageDigest jdk = MessageDigest.getInstance(alg, "SUN");
            accp.update(data, 0, 1000);
            MessageDigest fork = (MessageDigest) accp.clone();
            accp.update(data, 1000, data.length - 1000);
            assertThat(HexFormat.of().formatHex(accp.digest())).as(alg)
                    .isEqualTo(HexFormat.of().formatHex(jdk.digest(data)));
            assertThat(fork.digest()).as(alg + " of a clone").isEqualTo(jdk.digest(java.util.Arrays.copyOf(data, 1000)));
        }
    }

    @Test
    void es256SignaturesVerifyAcrossProviders() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        byte[] message = "header.claims".getBytes(StandardCharsets.US_ASCII);

        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(keys.getPrivate());
        sign.update(message);
        byte[] byAccp = sign.sign();
        Signature verify = Signature.getInstance("SHA256withECDSA", "SunEC");
        verify.initVerify(keys.getPublic());
        verify.update(message);
        assertThat(verify.verify(byAccp)).as("SunEC verifies ACCP's signature").isTrue();

        Signature jdkSign = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdkSign.initSign(keys.getPrivate());
        jdkSign.update(message);
        byte[] byJdk = jdkSign.sign();
        Signature accpVerify = Signature.getInstance("SHA256withECDSA");
        accpVerify.initVerify(keys.getPublic());
        accpVerify.update(message);
        assertThat(accpVerify.verify(byJdk)).as("ACCP verifies SunEC's signature").isTrue();
        accpVerify.initVerify(keys.getPublic());
        accpVerify.update("header.claimz".getBytes(StandardCharsets.US_ASCII));
        assertThat(accpVerify.verify(byJdk)).as("and refuses it for another message").isFalse();
    }
}
