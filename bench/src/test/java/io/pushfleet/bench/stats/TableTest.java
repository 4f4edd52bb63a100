package io.pushfleet.bench.stats;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {

    @Test
    void alignsTheFirstColumnLeftAndTheOthersRight() {
        String printed = print(new Table("figure", "ms").row("short", "5").row("a longer one", "1,234"));

        assertThat(printed).isEqualTo("""
                figure           ms
                short             5
                a longer one  1,234
                """);
    }

    @Test
    void seriesRowsShowMedianRangeAndEveryRunWithADashForNothingMeasured() {
        RunSeries s = new RunSeries("last (ms)");
        s.add(1200);
        s.add(Double.NaN);
        s.add(1000);

        String printed = print(Table.ofSeries(List.of(s), 0));

        assertThat(printed.lines().toList().get(1).split(" +"))
                .containsExactly("last", "(ms)", "1,100", "1,000", "1,200", "1,200", "-", "1,000");
    }

    @Test
    void refusesARowWithTheWrongNumberOfCells() {
        assertThatThrownBy(() -> new Table("a", "b").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cells: 1 (expected: 2)");
    }

    private static String print(Table t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
