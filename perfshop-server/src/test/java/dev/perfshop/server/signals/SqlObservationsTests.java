package dev.perfshop.server.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlObservationsTests {

  @Test
  void aStatementIsReadOnceAndObservedWithItsShape() {
    List<Observation.Context> stopped = new ArrayList<>();
    ObservationRegistry registry = ObservationRegistry.create();
    registry
        .observationConfig()
        .observationHandler(
            new ObservationHandler<>() {
              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }

              @Override
              public void onStop(Observation.Context context) {
                stopped.add(context);
              }
            });
    SqlObservations observations = new SqlObservations(() -> registry);
    String sql = "select p.id, p.name from products p join categories c on c.id = p.category_id";

    assertThat(observations.shape(sql)).isSameAs(observations.shape(new String(sql)));
    observations.start(sql).stop();
    observations.start(sql).stop();

    assertThat(stopped).hasSize(2);
    for (Observation.Context c : stopped) {
      assertThat(c.getName()).isEqualTo(SqlObservations.NAME);
      assertThat(c.getContextualName()).isEqualTo("SELECT products");
      assertThat(c.getLowCardinalityKeyValues())
          .containsExactly(KeyValue.of("db.operation.name", "SELECT"));
      assertThat(c.getHighCardinalityKeyValues())
          .contains(
              KeyValue.of("db.query.text", sql), KeyValue.of("db.collection.name", "products"));
    }
  }

  @Test
  void theCacheIsBoundedAndStatementsPastItAreStillReadRight() {
    SqlObservations observations = new SqlObservations(() -> ObservationRegistry.NOOP);
    for (int i = 0; i < SqlObservations.MAX_SHAPES; i++) {
      observations.shape("update stock set n = n - 1 where id = " + i);
    }
    String late = "insert into orders (id) values (" + "9".repeat(500) + ")";
    SqlObservations.Shape shape = observations.shape(late);

    assertThat(shape.name()).isEqualTo("INSERT orders");
    assertThat(shape.text().getValue()).hasSize(SqlObservations.MAX_TEXT);
    assertThat(observations.shape(late)).isNotSameAs(shape).isEqualTo(shape);
  }

  @Test
  void aStatementWithoutATableIsNamedByItsOperation() {
    SqlObservations.Shape shape = SqlObservations.Shape.of("  call next value for seq");
    assertThat(shape.name()).isEqualTo("CALL");
    assertThat(shape.table()).isNull();
  }
}
