package dev.perfshop.server.pedagogy;

import dev.perfshop.server.pedagogy.Views.AnswerResult;
import dev.perfshop.server.pedagogy.Views.Hint;
import dev.perfshop.server.pedagogy.Views.Joined;
import dev.perfshop.server.pedagogy.Views.Me;
import dev.perfshop.server.pedagogy.Views.Rank;
import dev.perfshop.server.pedagogy.Views.StudentEnigma;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The student API. The agent code travels in the {@code X-Agent-Code} header; the {@code
 * perfshop_agent} cookie set by {@code join} (HttpOnly, SameSite=Strict, path /api/student) is
 * accepted when the header is absent.
 */
@RestController
@RequestMapping(path = "/api/student", produces = MediaType.APPLICATION_JSON_VALUE)
class StudentController {

  static final String HEADER = "X-Agent-Code";
  static final String COOKIE = "perfshop_agent";

  private final StudentService students;

  StudentController(StudentService students) {
    this.students = students;
  }

  record JoinRequest(@Size(max = 64) String code, @Size(max = 64) String nickname) {}

  record AnswerRequest(@Size(max = 200) String answer, @Size(max = 10) List<Integer> choices) {}

  @PostMapping(path = "/join", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Joined> join(@RequestBody JoinRequest request, HttpServletRequest http) {
    Joined joined = students.join(request.code(), request.nickname(), http.getRemoteAddr());
    ResponseCookie cookie =
        ResponseCookie.from(COOKIE, joined.agentCode())
            .httpOnly(true)
            .sameSite("Strict")
            .path("/api/student")
            .maxAge(Duration.ofDays(30))
            .build();
    return ResponseEntity.status(HttpStatus.CREATED)
        .header(HttpHeaders.SET_COOKIE, cookie.toString())
        .body(joined);
  }

  @GetMapping("/me")
  Me me(
      @RequestHeader(name = HEADER, required = false) String header,
      @CookieValue(name = COOKIE, required = false) String cookie) {
    return students.me(
        students.authenticateToRead(header != null && !header.isBlank() ? header : cookie));
  }

  @GetMapping("/enigmas")
  List<StudentEnigma> enigmas(
      @RequestHeader(name = HEADER, required = false) String header,
      @CookieValue(name = COOKIE, required = false) String cookie) {
    return students.enigmas(agent(header, cookie));
  }

  @PostMapping(path = "/enigmas/{id}/answer", consumes = MediaType.APPLICATION_JSON_VALUE)
  AnswerResult answer(
      @PathVariable("id") String id,
      @RequestBody AnswerRequest request,
      @RequestHeader(name = HEADER, required = false) String header,
      @CookieValue(name = COOKIE, required = false) String cookie) {
    return students.answer(
        agent(header, cookie),
        id,
        new AnswerChecks.Submission(request.answer(), request.choices()));
  }

  @PostMapping("/enigmas/{id}/hints")
  Hint hint(
      @PathVariable("id") String id,
      @RequestHeader(name = HEADER, required = false) String header,
      @CookieValue(name = COOKIE, required = false) String cookie) {
    return students.takeHint(agent(header, cookie), id);
  }

  @GetMapping("/leaderboard")
  List<Rank> leaderboard(
      @RequestHeader(name = HEADER, required = false) String header,
      @CookieValue(name = COOKIE, required = false) String cookie) {
    return students.leaderboard(
        students.authenticateToRead(header != null && !header.isBlank() ? header : cookie));
  }

  private StudentService.Agent agent(String header, String cookie) {
    return students.authenticate(header != null && !header.isBlank() ? header : cookie);
  }
}
