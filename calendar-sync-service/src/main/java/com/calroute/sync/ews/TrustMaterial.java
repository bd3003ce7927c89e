package com.calroute.sync.ews;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The certificates an Exchange server may present: the JVM's trust store, plus a tenant's own CA certificate(s)
 * when its connection carries one. Replaces ews-java-api's trust manager, which accepts almost anything.
 */
public final class TrustMaterial {

    private TrustMaterial() {
    }

    /** A TLS context trusting the JVM's CAs and, if given, the PEM certificates in {@code tenantCaPem}. */
    public static SSLContext sslContext(String tenantCaPem) throws GeneralSecurityException {
        List<X509TrustManager> managers = new ArrayList<>();
        managers.add(defaultTrustManager(null));
        if (tenantCaPem != null && !tenantCaPem.isBlank()) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException("cannot create an empty key store", e);
            }
            Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(tenantCaPem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new CertificateException("the tenant's CA certificate holds no certificate");
            }
            int index = 0;
            for (java.security.cert.Certificate certificate : certificates) {
                store.setCertificateEntry("tenant-ca-" + index++, certificate);
            }
            managers.add(defaultTrustManager(store));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyOfTrustManager(managers)}, null);
        return context;
    }

    private static X509TrustManager defaultTrustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    /** Trusts a chain when any one of its delegates (each a full PKIX validator) does. */
    private record AnyOfTrustManager(List<X509TrustManager> delegates) implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException last = null;
            for (X509TrustManager delegate : delegates) {
                try {
                    delegate.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last != null ? last : new CertificateException("no trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegates.stream().flatMap(d -> java.util.Arrays.stream(d.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
