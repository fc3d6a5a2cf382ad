package dev.perfshop.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request line exactly as written (no client-side normalisation of {@code ..}, {@code //}
 * or {@code ;}), for tests of path tricks; returns the status code.
 */
public final class RawHttp {

  private RawHttp() {}

  public static int status(int port, String method, String rawPath, String... headers)
      throws IOException {
    try (Socket s = new Socket("localhost", port)) {
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder(method + " " + rawPath + " HTTP/1.1\r\n");
      req.append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
      for (String h : headers) {
        req.append(h).append("\r\n");
      }
      req.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }
}
