/** The baseline of bench/cli-startup: the cheapest Java program that prints a line. */
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
