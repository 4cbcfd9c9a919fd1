package dev.gillab.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FreeThreadedScenariosTest {

    /** A tiny effort: runs sized to 10 ms, measured once. */
    private static final Effort TINY = new Effort(0.01, 1);

    @Test
    void theyFollowTheLockedScenariosAndAreAllFreeThreaded() {
        List<Scenario> all = Fidelity.scenarios();
        List<Scenario> free = FreeThreadedScenarios.all();

        int first = all.indexOf(all.stream().filter(s -> s instanceof FreeThreadedScenario).findFirst().orElseThrow());
        assertThat(first).as("after the ten scenarios of CPython with its lock").isEqualTo(10);
        assertThat(all.subList(first, first + free.size()).stream().map(s -> s.info().title()).toList())
                .as("together, in their own order").isEqualTo(free.stream().map(s -> s.info().title()).toList());
        assertThat(free).allMatch(s -> s instanceof FreeThreadedScenario);
        assertThat(all.stream().filter(s -> s instanceof FreeThreadedScenario).count()).isEqualTo(free.size());
        assertThat(all.stream().map(s -> s.info().number()).toList()).as("numbered 1, 2, ... in table order")
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, all.size()).boxed().toList());
        assertThat(free.stream().mapToLong(s -> s.metrics().size()).sum()).as("comparisons").isGreaterThanOrEqualTo(8);
    }

    /** gillab's side of each, at a tiny size, yields every figure its metrics need. */
    @Test
    void everyGillabSideYieldsTheFiguresItsMetricsNeed() {
        for (Scenario s : FreeThreadedScenarios.all()) {
            Figures figures = s.gillab(TINY);
            for (Metric m : s.metrics()) {
                assertThat(m.derive().apply(figures).size()).as("scenario %d, %s", s.info().number(), m.what())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void underTheSwitchLockPlusEqualLosesNothing() {
        Figures figures = new FreeLostUpdateScenario().gillab(TINY);

        for (String v : List.of("global +=", "attribute +=")) {
            assertThat(figures.get(FreeThreadedScenarios.LOCK + v).values()).as("%s: the switch never falls between "
                    + "the load and the store", v).containsOnly(0.0);
        }
    }

    @Test
    void theLockComesBackAfterTheUndeclaredExtensionOnly() {
        Figures figures = new LockComesBackScenario().gillab(TINY);

        assertThat(figures.get("enabled before").values()).containsOnly(0.0);
        assertThat(figures.get("enabled declared").values()).containsOnly(0.0);
        assertThat(figures.get("enabled undeclared").values()).containsOnly(1.0);
    }

    @Test
    void figuresArePrefixedWithoutLosingAValue() {
        Figures f = Figures.builder().add("t1", 1).add("t1", 2).add("t2", 3).build();

        assertThat(f.prefixed("lock: ").series().keySet()).containsExactly("lock: t1", "lock: t2");
        assertThat(f.prefixed("lock: ").get("lock: t1").values()).containsExactly(1.0, 2.0);
    }
}
