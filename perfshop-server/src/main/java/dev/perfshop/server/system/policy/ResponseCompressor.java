package dev.perfshop.server.system.policy;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/**
 * response-corruption: damages a finished response body on its way out (see RequestPolicyFilter).
 */
@Component
class ResponseCompressor {

  private static final byte[] GARBAGE = "#@!~^%$&?*ÿ".getBytes(StandardCharsets.ISO_8859_1);

  private final RandomSource random;

  ResponseCompressor(RandomSource random) {
    this.random = random;
  }

  byte[] corrupt(Activation a, byte[] body, HttpServletResponse response) {
    if (body.length == 0) {
      return body;
    }
    return switch (a.level()) {
      case 1 -> renameFirstField(body);
      case 2 -> {
        response.setContentType("text/plain;charset=UTF-8");
        yield body;
      }
      case 3 -> Arrays.copyOf(body, body.length * 9 / 10);
      case 4 -> Arrays.copyOf(body, body.length / 2);
      default -> garble(body);
    };
  }

  /** The first object key changes the case of its first letter: {"items" → {"Items". */
  static byte[] renameFirstField(byte[] body) {
    byte[] out = body.clone();
    for (int i = 0; i + 2 < out.length; i++) {
      if (out[i] == '{' && out[i + 1] == '"') {
        byte c = out[i + 2];
        if (c >= 'a' && c <= 'z') {
          out[i + 2] = (byte) (c - 32);
        } else if (c >= 'A' && c <= 'Z') {
          out[i + 2] = (byte) (c + 32);
        }
        return out;
      }
    }
    return out;
  }

  private byte[] garble(byte[] body) {
    byte[] out = body.clone();
    int n = Math.max(1, out.length / 10);
    for (int k = 0; k < n; k++) {
      int i = (int) (random.nextDouble() * out.length);
      out[i] = GARBAGE[(int) (random.nextDouble() * GARBAGE.length)];
    }
    return out;
  }
}
