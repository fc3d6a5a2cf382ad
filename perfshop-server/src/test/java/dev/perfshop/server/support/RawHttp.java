package dev.perfshop.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request exactly as written (no client-side normalisation of {@code ..}, {@code //} or
 * {@code ;}, no header validation), optionally from a chosen local address, for tests of path
 * tricks, malformed requests and per-client limits.
 */
public final class RawHttp {

  private RawHttp() {}

  /** A response read to the end of the connection; header names are lower case. */
  public record Response(int status, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  public static int status(int port, String method, String rawPath, String... headers)
      throws IOException {
    StringBuilder req = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\n");
    req.append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
    for (String h : headers) {
      req.append(h).append("\r\n");
    }
    req.append("\r\n");
    return exchange(null, port, req.toString().getBytes(StandardCharsets.ISO_8859_1)).status();
  }

  /** A request with {@code Host} and {@code Connection: close} added after the request line. */
  public static byte[] request(String requestLine, String headers, byte[] body) {
    String head = requestLine + "\r\nHost: localhost\r\nConnection: close\r\n" + headers + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  /** Sends {@code request} from {@code local} (any address when null) and reads the response. */
  public static Response exchange(InetAddress local, int port, byte[] request) throws IOException {
    try (Socket s = new Socket()) {
      if (local != null) {
        s.bind(new InetSocketAddress(local, 0));
      }
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      return parse(readAll(s.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // the server may reset after answering a request whose body it did not read
      if (all.size() == 0) {
        throw reset;
      }
    }
    return all.toByteArray();
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < body.length) {
      int lineEnd = indexOfCrlf(body, i);
      if (lineEnd < 0) {
        break;
      }
      String size = new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).trim();
      int semi = size.indexOf(';');
      int n = Integer.parseInt(semi < 0 ? size : size.substring(0, semi), 16);
      if (n == 0) {
        break;
      }
      out.write(body, lineEnd + 2, Math.min(n, body.length - lineEnd - 2));
      i = lineEnd + 2 + n + 2;
    }
    return out.toByteArray();
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i + 1 < b.length; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
