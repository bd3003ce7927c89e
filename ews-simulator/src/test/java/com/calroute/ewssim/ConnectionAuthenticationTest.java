package com.calroute.ewssim;

import com.calroute.ewssim.auth.Md4;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NTLM authenticates the TCP connection, not the client's address and port, and {@code Connection: close} is honoured
 * as IIS honours it; driven over raw sockets so the test decides which connection carries which message.
 *
 * <p>Sources: [MS-NTHT] 2.1 Transport (NTLM over HTTP is carried as RFC 4559 auth-data, a connection-oriented
 * handshake) https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-ntht/8d5cda22-1a87-435a-b3c4-c95fd089913f ;
 * "Credential Caching on NTLM KA Connections" (the HTTP Server API under IIS keeps the NTLM context of a keep-alive
 * connection, so later requests on that connection need no Authorization header)
 * https://learn.microsoft.com/windows/win32/http/credential-caching ; KB 954873 (a new client TCP port is a new
 * keep-alive session that must authenticate again) https://support.microsoft.com/en-us/kb/954873 ;
 * RFC 9112 section 9.6 (a server receiving {@code Connection: close} sends {@code close} in its response and then
 * closes the connection).
 */
class ConnectionAuthenticationTest {
    private static final String USER = "svc-calroute";
    private static final String DOMAIN = "ACME";
    private static final String GET_FOLDER = RawEws.envelope(SimulatorFixture.KARI, "Exchange2010_SP2",
            "<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds>"
                    + "<t:DistinguishedFolderId Id=\"calendar\"/></m:FolderIds></m:GetFolder>");

    private EwsSimulator simulator;

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aNewConnectionFromTheSameAddressAndPortStartsUnauthenticated() throws Exception {
        int localPort;
        try (RawConnection first = RawConnection.open(simulator.httpPort(), 0)) {
            localPort = first.localPort();
            assertThat(first.authenticateWithNtlm(SimulatorFixture.PASSWORD).status()).isEqualTo(200);
            assertThat(first.exchange(Map.of(), GET_FOLDER).status())
                    .as("the authenticated connection needs no header on later requests").isEqualTo(200);
            first.reset();
        }

        try (RawConnection second = RawConnection.open(simulator.httpPort(), localPort)) {
            assertThat(second.localPort()).isEqualTo(localPort);
            Response anonymous = second.exchange(Map.of(), GET_FOLDER);

            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.headers("www-authenticate")).contains("NTLM");
        }
    }

    @Test
    void aHandshakeCannotBeFinishedOnAnotherConnection() throws Exception {
        int localPort;
        String challenge;
        try (RawConnection first = RawConnection.open(simulator.httpPort(), 0)) {
            localPort = first.localPort();
            challenge = first.negotiate();
            first.reset();
        }

        try (RawConnection second = RawConnection.open(simulator.httpPort(), localPort)) {
            Response authenticate = second.exchange(
                    Map.of("Authorization", "NTLM " + NtlmClient.authenticate(challenge, SimulatorFixture.PASSWORD)),
                    GET_FOLDER);

            assertThat(authenticate.status()).isEqualTo(401);
        }
    }

    @Test
    void connectionCloseIsEchoedAndTheServerClosesTheConnection() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (DOMAIN + "\\" + USER + ":" + SimulatorFixture.PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (RawConnection connection = RawConnection.open(simulator.httpPort(), 0)) {
            Response kept = connection.exchange(Map.of("Authorization", basic), GET_FOLDER);
            assertThat(kept.status()).isEqualTo(200);
            assertThat(kept.headers("connection")).doesNotContain("close");

            Response closing = connection.exchange(Map.of("Authorization", basic, "Connection", "close"), GET_FOLDER);

            assertThat(closing.status()).isEqualTo(200);
            assertThat(closing.headers("connection")).containsExactly("close");
            assertThat(connection.readsEndOfStream()).as("the server closed the connection").isTrue();
        }
    }

    /** One HTTP/1.1 response: status, headers by lower-cased name, body. */
    record Response(int status, Map<String, List<String>> headerMap, byte[] body) {
        List<String> headers(String name) {
            return headerMap.getOrDefault(name, List.of());
        }
    }

    /** A client TCP connection, optionally from a chosen local port, speaking HTTP/1.1 with Content-Length bodies. */
    private static final class RawConnection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private RawConnection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static RawConnection open(int serverPort, int localPort) throws IOException {
            Socket socket = new Socket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", localPort));
            socket.connect(new InetSocketAddress("127.0.0.1", serverPort), 10_000);
            socket.setSoTimeout(20_000);
            return new RawConnection(socket);
        }

        int localPort() {
            return socket.getLocalPort();
        }

        /** Sends NEGOTIATE and returns the base64 CHALLENGE of the 401. */
        String negotiate() throws IOException {
            Response challenge = exchange(Map.of("Authorization", "NTLM " + NtlmClient.negotiate()), GET_FOLDER);
            assertThat(challenge.status()).isEqualTo(401);
            return challenge.headers("www-authenticate").stream().filter(value -> value.startsWith("NTLM "))
                    .map(value -> value.substring(5)).findFirst().orElseThrow();
        }

        Response authenticateWithNtlm(String password) throws IOException {
            String challenge = negotiate();
            return exchange(Map.of("Authorization", "NTLM " + NtlmClient.authenticate(challenge, password)), GET_FOLDER);
        }

        Response exchange(Map<String, String> headers, String body) throws IOException {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder("POST " + EwsSimulator.EWS_PATH + " HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return readResponse();
        }

        private Response readResponse() throws IOException {
            String statusLine = readLine();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
            List<String> length = headers.get("content-length");
            byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length.get(0)));
            return new Response(status, headers, body);
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed inside a response");
                }
                if (c != '\r') {
                    line.write(c);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        /** True when the server has closed its side: the next read ends the stream (or the read times out: false). */
        boolean readsEndOfStream() throws IOException {
            try {
                return in.read() < 0;
            } catch (java.net.SocketTimeoutException e) {
                return false;
            }
        }

        /** Closes with a reset (SO_LINGER 0), so the local port is free at once and leaves no TIME_WAIT behind. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The client side of NTLMv2 (MS-NLMP 3.1.5.1.2, 3.3.2): NEGOTIATE, and AUTHENTICATE for a given CHALLENGE. */
    private static final class NtlmClient {
        private static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
        private static final int UNICODE_NTLM_REQUEST_TARGET = 0x00000001 | 0x00000004 | 0x00000200;

        static String negotiate() {
            ByteBuffer message = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            message.put(SIGNATURE).putInt(1).putInt(UNICODE_NTLM_REQUEST_TARGET);
            return Base64.getEncoder().encodeToString(message.array());
        }

        static String authenticate(String challengeBase64, String password) {
            byte[] challenge = Base64.getDecoder().decode(challengeBase64);
            ByteBuffer read = ByteBuffer.wrap(challenge).order(ByteOrder.LITTLE_ENDIAN);
            byte[] serverChallenge = Arrays.copyOfRange(challenge, 24, 32);
            int targetInfoLength = Short.toUnsignedInt(read.getShort(40));
            int targetInfoOffset = read.getInt(44);
            byte[] targetInfo = Arrays.copyOfRange(challenge, targetInfoOffset, targetInfoOffset + targetInfoLength);

            ByteBuffer blob = ByteBuffer.allocate(28 + targetInfo.length + 4).order(ByteOrder.LITTLE_ENDIAN);
            blob.put(new byte[] {1, 1, 0, 0}).putInt(0).putLong(0).put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).putInt(0)
                    .put(targetInfo).putInt(0);
            byte[] ntowfV2 = hmacMd5(Md4.digest(password.getBytes(StandardCharsets.UTF_16LE)),
                    (USER.toUpperCase(Locale.ROOT) + DOMAIN).getBytes(StandardCharsets.UTF_16LE));
            byte[] proof = hmacMd5(ntowfV2, concat(serverChallenge, blob.array()));
            byte[] ntResponse = concat(proof, blob.array());

            byte[] lm = new byte[24];
            byte[] domain = DOMAIN.getBytes(StandardCharsets.UTF_16LE);
            byte[] user = USER.getBytes(StandardCharsets.UTF_16LE);
            byte[] workstation = "TEST".getBytes(StandardCharsets.UTF_16LE);
            int payload = 64;
            ByteBuffer message = ByteBuffer.allocate(payload + lm.length + ntResponse.length + domain.length + user.length
                    + workstation.length).order(ByteOrder.LITTLE_ENDIAN);
            message.put(SIGNATURE).putInt(3);
            int offset = payload;
            for (byte[] field : List.of(lm, ntResponse, domain, user, workstation)) {
                message.putShort((short) field.length).putShort((short) field.length).putInt(offset);
                offset += field.length;
            }
            message.putShort((short) 0).putShort((short) 0).putInt(offset);
            message.putInt(UNICODE_NTLM_REQUEST_TARGET);
            message.put(lm).put(ntResponse).put(domain).put(user).put(workstation);
            return Base64.getEncoder().encodeToString(message.array());
        }

        private static byte[] hmacMd5(byte[] key, byte[] data) {
            try {
                Mac mac = Mac.getInstance("HmacMD5");
                mac.init(new SecretKeySpec(key, "HmacMD5"));
                return mac.doFinal(data);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] result = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, result, a.length, b.length);
            return result;
        }
    }
}
