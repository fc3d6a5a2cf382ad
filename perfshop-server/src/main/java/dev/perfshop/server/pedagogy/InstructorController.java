package dev.perfshop.server.pedagogy;

import dev.perfshop.scenario.Level;
import dev.perfshop.scenario.ScenarioLibrary;
import dev.perfshop.server.pedagogy.Views.EnigmaView;
import dev.perfshop.server.pedagogy.Views.ProgressView;
import dev.perfshop.server.pedagogy.Views.Rank;
import dev.perfshop.server.pedagogy.Views.SessionView;
import dev.perfshop.server.pedagogy.Views.StudentView;
import dev.perfshop.server.system.ApiException;
import dev.perfshop.server.system.ProblemType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The instructor's class-session API (admin token required on /api/admin/**). */
@RestController
@RequestMapping(path = "/api/admin/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
class InstructorController {

  private final ClassSessions sessions;
  private final EnigmaRegistry enigmas;
  private final ProgressHub hub;
  private final GradeExports grades;
  private final DebriefSignals signals;

  InstructorController(
      ClassSessions sessions,
      EnigmaRegistry enigmas,
      ProgressHub hub,
      GradeExports grades,
      DebriefSignals signals) {
    this.signals = signals;
    this.sessions = sessions;
    this.enigmas = enigmas;
    this.hub = hub;
    this.grades = grades;
  }

  record Message(String message) {}

  record NewSession(String name, Level level) {}

  record Rename(String nickname) {}

  record Binding(String scenarioId, String name, String value) {}

  record LibraryRequest(String scenarioId, Boolean open) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  SessionView create(@RequestBody NewSession body) {
    return sessions.create(body.name(), body.level());
  }

  @GetMapping
  List<SessionView> list(
      @RequestParam(name = "archived", defaultValue = "false") boolean archived) {
    return sessions.list(archived);
  }

  @GetMapping("/{id}")
  SessionView get(@PathVariable("id") long id) {
    return sessions.get(id);
  }

  @PostMapping("/{id}/open")
  SessionView open(@PathVariable("id") long id) {
    return sessions.setStudentPage(id, true);
  }

  @PostMapping("/{id}/close")
  SessionView close(@PathVariable("id") long id) {
    return sessions.setStudentPage(id, false);
  }

  @PostMapping(path = "/{id}/message", consumes = MediaType.APPLICATION_JSON_VALUE)
  SessionView message(@PathVariable("id") long id, @RequestBody Message body) {
    return sessions.broadcast(id, body.message());
  }

  @PostMapping("/{id}/scoreboard/freeze")
  SessionView freeze(@PathVariable("id") long id) {
    return sessions.freeze(id, true);
  }

  @PostMapping("/{id}/scoreboard/thaw")
  SessionView thaw(@PathVariable("id") long id) {
    return sessions.freeze(id, false);
  }

  @PostMapping("/{id}/archive")
  SessionView archive(@PathVariable("id") long id) {
    return sessions.archive(id);
  }

  // --- students

  @GetMapping("/{id}/students")
  List<StudentView> students(@PathVariable("id") long id) {
    return sessions.students(id);
  }

  @PatchMapping(path = "/{id}/students/{studentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  StudentView rename(
      @PathVariable("id") long id,
      @PathVariable("studentId") long studentId,
      @RequestBody Rename body) {
    return sessions.rename(id, studentId, body.nickname());
  }

  @PostMapping("/{id}/students/{studentId}/reset")
  StudentView reset(@PathVariable("id") long id, @PathVariable("studentId") long studentId) {
    return sessions.reset(id, studentId);
  }

  @DeleteMapping("/{id}/students/{studentId}")
  ResponseEntity<Void> remove(
      @PathVariable("id") long id, @PathVariable("studentId") long studentId) {
    sessions.remove(id, studentId);
    return ResponseEntity.noContent().build();
  }

  // --- enigmas

  @GetMapping("/{id}/enigmas")
  List<EnigmaView> enigmas(@PathVariable("id") long id) {
    return enigmas.list(id);
  }

  @PostMapping(path = "/{id}/enigmas", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  EnigmaView register(@PathVariable("id") long id, @RequestBody EnigmaSpec spec) {
    return enigmas.register(id, spec);
  }

  /** The shipped library: one scenario's enigmas, or every scenario of the session's level. */
  @PostMapping(path = "/{id}/enigmas/library", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  List<EnigmaView> library(
      @PathVariable("id") long id, @RequestBody(required = false) LibraryRequest body) {
    if (body == null || body.scenarioId() == null) {
      return enigmas.registerLibrary(id);
    }
    var scenario =
        ScenarioLibrary.shipped().stream()
            .map(ScenarioLibrary.Entry::scenario)
            .filter(s -> s.id().equals(body.scenarioId()))
            .findFirst()
            .orElseThrow(() -> ApiException.notFound("scenario", body.scenarioId()));
    return enigmas.registerScenario(id, scenario, body.open() == null || body.open());
  }

  @PostMapping("/{id}/enigmas/{key}/open")
  EnigmaView openEnigma(@PathVariable("id") long id, @PathVariable("key") String key) {
    return enigmas.setOpen(id, key, true);
  }

  @PostMapping("/{id}/enigmas/{key}/close")
  EnigmaView closeEnigma(@PathVariable("id") long id, @PathVariable("key") String key) {
    return enigmas.setOpen(id, key, false);
  }

  @PostMapping("/{id}/enigmas/{key}/hints/release")
  EnigmaView releaseHint(@PathVariable("id") long id, @PathVariable("key") String key) {
    return enigmas.releaseHint(id, key);
  }

  @DeleteMapping("/{id}/enigmas/{key}")
  ResponseEntity<Void> removeEnigma(@PathVariable("id") long id, @PathVariable("key") String key) {
    enigmas.remove(id, key);
    return ResponseEntity.noContent().build();
  }

  /** The keys of the enigmas a binding's value was given to. */
  record Bound(List<String> bound) {}

  @PostMapping(path = "/{id}/bindings", consumes = MediaType.APPLICATION_JSON_VALUE)
  Bound bind(@PathVariable("id") long id, @RequestBody Binding body) {
    return new Bound(enigmas.bind(id, body.scenarioId(), body.name(), body.value()));
  }

  // --- progress

  @GetMapping("/{id}/progress")
  ProgressView progress(@PathVariable("id") long id) {
    return sessions.progress(id);
  }

  @GetMapping(path = "/{id}/progress/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(@PathVariable("id") long id) {
    return hub.subscribe(id, sessions.progress(id));
  }

  @GetMapping("/{id}/leaderboard")
  List<Rank> leaderboard(@PathVariable("id") long id) {
    return sessions.leaderboard(id);
  }

  /** The debrief: JSON, or a Markdown or HTML document ({@code format=md|html}). */
  @GetMapping(
      path = "/{id}/report",
      produces = {MediaType.APPLICATION_JSON_VALUE, "text/markdown", MediaType.TEXT_HTML_VALUE})
  @ApiResponse(
      responseCode = "200",
      description =
          "The debrief: JSON (format=json), Markdown (md) or a self-contained page (html)",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = Views.Report.class)),
        @Content(mediaType = "text/markdown", schema = @Schema(type = "string")),
        @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"))
      })
  ResponseEntity<?> report(
      @PathVariable("id") long id,
      @RequestParam(name = "format", defaultValue = "json") String format) {
    if (!format.matches("json|md|html")) {
      throw new ApiException(ProblemType.VALIDATION, "format must be json, md or html");
    }
    Views.Report plain = sessions.report(id);
    Views.Report report = plain.withSignals(signals.charts(plain.detections()));
    return switch (format) {
      case "json" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
      case "md" ->
          ResponseEntity.ok()
              .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
              .body(ReportDocument.markdown(report));
      case "html" ->
          ResponseEntity.ok()
              .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
              .body(ReportDocument.html(report));
      default -> throw new ApiException(ProblemType.VALIDATION, "format must be json, md or html");
    };
  }

  @GetMapping(
      path = "/{id}/export",
      produces = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
  @ApiResponse(
      responseCode = "200",
      description =
          "Grades: CSV (format=csv, layout gradebook or long), the progress (json) or a CTFd set"
              + " (ctfd)",
      content = {
        @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(oneOf = {Views.ProgressView.class, GradeExports.CtfdSet.class}))
      })
  ResponseEntity<?> export(
      @PathVariable("id") long id,
      @RequestParam(name = "format", defaultValue = "json") String format,
      @RequestParam(name = "layout", defaultValue = "gradebook") String layout,
      @RequestParam(name = "bom", defaultValue = "false") boolean bom) {
    String base = "perfshop-session-" + id;
    return switch (format) {
      case "csv" ->
          ResponseEntity.ok()
              .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
              .header(
                  HttpHeaders.CONTENT_DISPOSITION,
                  ContentDisposition.attachment().filename(base + ".csv").build().toString())
              .body(
                  switch (layout) {
                    case "gradebook" -> grades.gradebookCsv(id, bom);
                    case "long" -> (bom ? GradeExports.BOM : "") + sessions.exportCsv(id);
                    default ->
                        throw new ApiException(
                            ProblemType.VALIDATION, "layout must be gradebook or long");
                  });
      case "ctfd" ->
          ResponseEntity.ok()
              .contentType(MediaType.APPLICATION_JSON)
              .header(
                  HttpHeaders.CONTENT_DISPOSITION,
                  ContentDisposition.attachment().filename(base + "-ctfd.json").build().toString())
              .body(grades.ctfd(id));
      case "json" ->
          ResponseEntity.ok()
              .contentType(MediaType.APPLICATION_JSON)
              .header(
                  HttpHeaders.CONTENT_DISPOSITION,
                  ContentDisposition.attachment().filename(base + ".json").build().toString())
              .body(sessions.progress(id));
      default -> throw new ApiException(ProblemType.VALIDATION, "format must be csv, json or ctfd");
    };
  }
}
