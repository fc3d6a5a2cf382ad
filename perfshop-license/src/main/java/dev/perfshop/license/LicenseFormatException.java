package dev.perfshop.license;

/** A licence document, licence file or key that cannot be read. The message names what is wrong. */
public class LicenseFormatException extends RuntimeException {

  public LicenseFormatException(String message) {
    super(message);
  }

  public LicenseFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
