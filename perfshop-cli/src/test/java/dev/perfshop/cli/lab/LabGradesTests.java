package dev.perfshop.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfshop.cli.ExitCodes;
import dev.perfshop.cli.http.Json;
import dev.perfshop.cli.support.Cli;
import dev.perfshop.cli.support.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code perfshop lab grades} against two real servers standing for two class groups, each with its
 * own admin token, sessions and students; the swarm workspace is the one {@code lab render --target
 * swarm} writes, its ports and tokens pointed at the two servers.
 */
class LabGradesTests {

  static ServerProcess groupOne;
  static ServerProcess groupTwo;

  @TempDir Path tmp;

  @BeforeAll
  static void servers() {
    groupOne = ServerProcess.get();
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    groupTwo = ServerProcess.startAnother("second-group-token-" + HexFormat.of().formatHex(random));
  }

  @AfterAll
  static void stopSecond() {
    if (groupTwo != null) {
      groupTwo.close();
    }
  }

  /** A session with the cpu-hog library, open, these students joined; returns its id. */
  String session(ServerProcess server, String name, String... students) throws Exception {
    Cli cli = Cli.against(server, tmp.resolve("cli-" + server.url().hashCode()));
    Cli.Result created = cli.run("session", "create", name, "--level", "BAC2", "-o", "json");
    assertThat(created.code()).as(created.toString()).isZero();
    JsonNode session = Json.parse(created.out().getBytes(StandardCharsets.UTF_8));
    String id = session.path("id").asString();
    assertThat(cli.run("session", "open", id).code()).isZero();
    assertThat(cli.run("session", "library", id, "--scenario", "cpu-hog").code()).isZero();
    for (String nickname : students) {
      String agent = join(server, session.path("joinCode").asString(), nickname);
      takeHint(server, agent);
    }
    return id;
  }

  static String join(ServerProcess server, String code, String nickname) throws Exception {
    var res =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + "/api/student/join"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"code\":\"" + code + "\",\"nickname\":\"" + nickname + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(res.statusCode()).isEqualTo(201);
    return Json.parse(res.body()).path("agentCode").asString();
  }

  /** The student's progress: one hint taken on their first enigma. */
  static void takeHint(ServerProcess server, String agent) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    var enigmas =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/api/student/enigmas"))
                .header("X-Agent-Code", agent)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(enigmas.statusCode()).isEqualTo(200);
    String enigma = Json.parse(enigmas.body()).get(0).path("id").asString();
    var hint =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server.url() + "/api/student/enigmas/" + enigma + "/hints"))
                .header("X-Agent-Code", agent)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(hint.statusCode()).as(hint.body()).isEqualTo(200);
  }

  /** The gradebook cell of this student and column. */
  static String cell(String csv, String nickname, String column) {
    List<String> lines = csv.lines().toList();
    int col = List.of(lines.get(0).split(",")).indexOf(column);
    assertThat(col).as(column + " in " + lines.get(0)).isNotNegative();
    return lines.stream()
        .filter(l -> l.startsWith("\"" + nickname + "\","))
        .findFirst()
        .map(l -> l.split(",", -1)[col])
        .orElseThrow(() -> new AssertionError("no row for " + nickname + " in\n" + csv));
  }

  /** The swarm workspace of `lab render --target swarm`, pointed at the two test servers. */
  @SuppressWarnings("unchecked")
  Path swarmWorkspace() throws IOException {
    Path dir = tmp.resolve(".perfshop");
    Path base = dir.resolve("swarm/default");
    Cli.Result r =
        new Cli(tmp.resolve("render"))
            .run("lab", "render", "--target", "swarm", "--groups", "2", "--out", base.toString());
    assertThat(r.code()).as(r.toString()).isZero();
    YAMLMapper yaml = YAMLMapper.builder().build();
    List<ServerProcess> servers = List.of(groupOne, groupTwo);
    for (int i = 0; i < 2; i++) {
      Path group = base.resolve(String.format("g%02d", i + 1));
      assertThat(group.resolve("admin-token")).exists();
      Files.writeString(group.resolve("admin-token"), servers.get(i).token() + "\n");
      Map<String, Object> stack = yaml.readValue(group.resolve("stack.yaml").toFile(), Map.class);
      var server =
          (Map<String, Object>)
              ((Map<String, Object>) stack.get("services")).get("perfshop-server");
      boolean moved = false;
      for (var port : (List<Map<String, Object>>) server.get("ports")) {
        if (Integer.valueOf(8080).equals(port.get("target"))) {
          port.put("published", URI.create(servers.get(i).url()).getPort());
          moved = true;
        }
      }
      assertThat(moved).as("the rendered stack publishes the server's 8080").isTrue();
      yaml.writeValue(group.resolve("stack.yaml").toFile(), stack);
    }
    return dir;
  }

  static List<String> sessionIds(ServerProcess server, Path tmp) {
    Cli.Result list = Cli.against(server, tmp.resolve("list")).run("session", "list", "-o", "json");
    assertThat(list.code()).as(list.toString()).isZero();
    List<String> ids = new ArrayList<>();
    for (JsonNode s : Json.parse(list.out().getBytes(StandardCharsets.UTF_8))) {
      ids.add(s.path("id").asString());
    }
    return ids;
  }

  @Test
  void everyGroupsSessionsAreExportedWithItsOwnToken() throws Exception {
    String monday = session(groupOne, "Monday g01", "Ana", "Bruno");
    String tuesday = session(groupOne, "Tuesday g01");
    String thursday = session(groupTwo, "Thursday g02", "Zoé");
    Path dir = swarmWorkspace();
    Path out = tmp.resolve("grades");

    Cli.Result r =
        new Cli(tmp.resolve("run"))
            .run(
                "lab",
                "grades",
                "--swarm",
                "--groups",
                "2",
                "--dir",
                dir.toString(),
                "--out",
                out.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);

    // One file per session listed by each server, none other.
    for (var g : Map.of("g01", groupOne, "g02", groupTwo).entrySet()) {
      List<String> ids = sessionIds(g.getValue(), tmp);
      try (var files = Files.list(out.resolve(g.getKey()))) {
        assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
            .containsExactlyInAnyOrderElementsOf(
                ids.stream().map(id -> "session-" + id + ".csv").toList());
      }
    }
    assertThat(r.out()).contains("g01: session " + monday + " \"Monday g01\"");

    String mondayCsv = Files.readString(out.resolve("g01/session-" + monday + ".csv"));
    List<String> lines = mondayCsv.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("nickname,student_id,\"cpu-hog.");
    assertThat(mondayCsv).contains("Ana").contains("Bruno").doesNotContain("Zoé");
    assertThat(cell(mondayCsv, "Ana", "hints_taken")).isEqualTo("1");
    assertThat(cell(mondayCsv, "Bruno", "total")).isEqualTo("0");
    assertThat(Files.readString(out.resolve("g01/session-" + tuesday + ".csv")).lines()).hasSize(1);
    String thursdayCsv = Files.readString(out.resolve("g02/session-" + thursday + ".csv"));
    assertThat(thursdayCsv.lines().toList()).hasSize(2);
    assertThat(thursdayCsv).contains("Zoé").doesNotContain("Ana");
    assertThat(cell(thursdayCsv, "Zoé", "hints_taken")).isEqualTo("1");
    // Grades are personal data: owner only.
    assertThat(Files.getPosixFilePermissions(out.resolve("g02/session-" + thursday + ".csv")))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    // The whole progress as JSON: the students' attempts are in it.
    Path json = tmp.resolve("grades-json");
    Cli.Result j =
        new Cli(tmp.resolve("run-json"))
            .run(
                "lab",
                "grades",
                "--swarm",
                "--groups",
                "2",
                "--dir",
                dir.toString(),
                "--out",
                json.toString(),
                "-f",
                "json");
    assertThat(j.code()).as(j.toString()).isEqualTo(ExitCodes.OK);
    String progress = Files.readString(json.resolve("g02/session-" + thursday + ".json"));
    Json.parse(progress.getBytes(StandardCharsets.UTF_8)); // valid JSON
    assertThat(progress).contains("Zoé").contains("Thursday g02");

    // One server by URL and token file (e.g. a kubectl port-forward per namespace).
    Path one = tmp.resolve("grades-one");
    Cli.Result u =
        new Cli(tmp.resolve("run-url"))
            .run(
                "lab",
                "grades",
                "--url",
                groupTwo.url(),
                "--admin-token-file",
                groupTwo.tokenFile().toString(),
                "--group",
                "perfshop-g02",
                "--out",
                one.toString());
    assertThat(u.code()).as(u.toString()).isEqualTo(ExitCodes.OK);
    assertThat(one.resolve("perfshop-g02/session-" + thursday + ".csv"))
        .hasContent(thursdayCsv.stripTrailing());
  }

  @Test
  void badInputIsAUsageErrorAndWritesNothing() throws Exception {
    Path dir = swarmWorkspace();
    Path out = tmp.resolve("nothing");
    Cli cli = new Cli(tmp.resolve("bad"));
    List<List<String>> bad =
        List.of(
            List.of("--swarm", "--groups", "2", "-f", "xlsx"),
            List.of("--swarm", "--groups", "3"), // no g03 in the workspace
            List.of("--swarm", "--groups", "2", "--host", "evil/host"),
            List.of("--groups", "2"), // neither --swarm nor --group
            List.of("--swarm", "--groups", "2", "--group", "g01"),
            List.of("--group", "Bad_Name", "--url", groupTwo.url()),
            List.of("--group", "g02", "--url", "ftp://x"),
            List.of(
                "--group",
                "g02",
                "--url",
                groupTwo.url(),
                "--admin-token-file",
                tmp.resolve("none").toString()),
            List.of("--group", "g02", "--url", groupTwo.url())); // no admin token
    for (List<String> args : bad) {
      List<String> all = new ArrayList<>(List.of("lab", "grades", "--dir", dir.toString()));
      all.addAll(args);
      all.addAll(List.of("--out", out.toString()));
      Cli.Result r = cli.run(all.toArray(String[]::new));
      assertThat(r.code()).as(args + ": " + r).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(args.toString()).startsWith("error: ");
      assertThat(out).as(args + " wrote nothing").doesNotExist();
    }
  }

  @Test
  void aWrongTokenIsRejectedAndNamesTheGroup() throws Exception {
    Path dir = swarmWorkspace();
    Files.writeString(
        dir.resolve("swarm/default/g02/admin-token"), "not-the-token-0123456789abcdef0123456789\n");
    Path out = tmp.resolve("grades");
    Cli.Result r =
        new Cli(tmp.resolve("run"))
            .run(
                "lab",
                "grades",
                "--swarm",
                "--groups",
                "2",
                "--dir",
                dir.toString(),
                "--out",
                out.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err())
        .contains("error: group g02: ")
        .contains("error: grades of 1 group(s) not exported: g02");
    // The other group's grades are exported all the same.
    assertThat(out.resolve("g01")).isDirectory();
    assertThat(out.resolve("g02")).doesNotExist();
  }
}
