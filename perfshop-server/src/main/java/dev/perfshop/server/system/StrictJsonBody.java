package dev.perfshop.server.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * JSON request bodies are UTF-8 without a byte order mark (RFC 8259 §8.1), checked before Jackson
 * sees them: Jackson would otherwise skip a BOM and decode UTF-16 or UTF-32 by guessing. A {@code
 * charset} other than UTF-8 in the Content-Type is a 415; a BOM, a NUL byte (UTF-16/32) or bytes
 * that are not UTF-8 are a 400 {@code malformed-body}. Bodies are already bounded by {@link
 * BodySizeLimitFilter}.
 */
@ControllerAdvice
class StrictJsonBody extends RequestBodyAdviceAdapter {

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public HttpInputMessage beforeBodyRead(
      HttpInputMessage input,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType)
      throws IOException {
    MediaType type = input.getHeaders().getContentType();
    String charset = type == null ? null : type.getParameter("charset");
    if (charset != null && !charset.replace("\"", "").equalsIgnoreCase("utf-8")) {
      throw ProblemAdvice.notUtf8Charset(charset);
    }
    byte[] body = input.getBody().readAllBytes();
    String why = notUtf8(body);
    if (why != null) {
      throw new ApiException(ProblemType.MALFORMED_BODY, why);
    }
    HttpHeaders headers = input.getHeaders();
    return new HttpInputMessage() {
      @Override
      public InputStream getBody() {
        return new ByteArrayInputStream(body);
      }

      @Override
      public HttpHeaders getHeaders() {
        return headers;
      }
    };
  }

  /** Why the bytes are not BOM-less UTF-8 JSON text, or null when they are. */
  static String notUtf8(byte[] body) {
    if (body.length >= 3
        && (body[0] & 0xff) == 0xef
        && (body[1] & 0xff) == 0xbb
        && (body[2] & 0xff) == 0xbf) {
      return "the body starts with a byte order mark; send UTF-8 without a BOM";
    }
    if (body.length >= 2
        && (((body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff)
            || ((body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe))) {
      return "the body is UTF-16 (it starts with a byte order mark); send UTF-8";
    }
    for (byte b : body) {
      if (b == 0) {
        return "the body holds NUL bytes (UTF-16 or UTF-32?); send UTF-8";
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return null;
    } catch (CharacterCodingException e) {
      return "the body is not valid UTF-8";
    }
  }
}
