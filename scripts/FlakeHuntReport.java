import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The summary of a flake hunt (scripts/flake-hunt): reads every run-N folder under the folder
 * given, each holding surefire's TEST-*.xml reports and the run's Maven exit code, and prints
 * every test that failed or erred with the number of runs it failed in and its first message,
 * then one total line. Exit status 1 if any test failed or any run broke (a non-zero Maven exit
 * code, or no report at all: a build error, a crashed test JVM), else 0. A single-file program
 * (java FlakeHuntReport.java DIR), so that the hunt needs nothing but the JDK.
 */
public final class FlakeHuntReport {

    private record Failure(int runs, String firstRun, String firstMessage) {
        Failure again() {
            return new Failure(runs + 1, firstRun, firstMessage);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java FlakeHuntReport.java DIR   (DIR holds run-1, run-2, ...)");
            System.exit(2);
        }
        List<Path> runs;
        try (Stream<Path> entries = Files.list(Path.of(args[0]))) {
            runs = entries.filter(p -> p.getFileName().toString().matches("run-\\d+") && Files.isDirectory(p))
                    .sorted((a, b) -> Integer.compare(runNumber(a), runNumber(b))).toList();
        }
        Map<String, Failure> failures = new LinkedHashMap<>();
        List<String> brokenRuns = new ArrayList<>();
        int failedRuns = 0;
        long testcases = 0;
        for (Path run : runs) {
            List<Path> reports;
            try (Stream<Path> files = Files.list(run)) {
                reports = files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
            }
            boolean failed = false;
            for (Path report : reports) {
                for (Element testcase : testcases(report)) {
                    testcases++;
                    Element problem = firstChild(testcase, "failure", "error");
                    if (problem != null) {
                        failed = true;
                        String test = testcase.getAttribute("classname") + "." + testcase.getAttribute("name");
                        Failure f = failures.get(test);
                        failures.put(test, f == null ? new Failure(1, run.getFileName().toString(), message(problem))
                                : f.again());
                    }
                }
            }
            String exitCode = readExitCode(run);
            if (reports.isEmpty() || (!failed && !exitCode.equals("0"))) {
                brokenRuns.add(run.getFileName() + " (Maven exit code " + exitCode + ", " + reports.size()
                        + " reports: see its mvn.log)");
                failed = true;
            }
            if (failed) {
                failedRuns++;
            }
        }
        failures.forEach((test, f) -> System.out.printf("%3d/%d  %s%n        first, in %s: %s%n", f.runs(), runs.size(),
                test, f.firstRun(), f.firstMessage()));
        brokenRuns.forEach(r -> System.out.println("broken run: " + r));
        System.out.printf("flake hunt: %d runs, %d failed runs, %d failing tests (%d test results read)%n",
                runs.size(), failedRuns, failures.size(), testcases);
        System.exit(failedRuns == 0 && !runs.isEmpty() ? 0 : 1);
    }

    private static int runNumber(Path run) {
        return Integer.parseInt(run.getFileName().toString().substring("run-".length()));
    }

    private static List<Element> testcases(Path report) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var nodes = factory.newDocumentBuilder().parse(report.toFile()).getElementsByTagName("testcase");
        List<Element> list = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static Element firstChild(Element parent, String... names) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && List.of(names).contains(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    /** The failure's message on one line (its type when it has none), cut at 300 characters. */
    private static String message(Element problem) {
        String text = problem.getAttribute("message");
        if (text.isBlank()) {
            text = problem.getAttribute("type") + " " + problem.getTextContent().strip().lines().findFirst().orElse("");
        }
        text = text.strip().replaceAll("\\s+", " ");
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static String readExitCode(Path run) throws IOException {
        Path file = run.resolve("exit-code");
        return Files.exists(file) ? Files.readString(file).strip() : "unknown";
    }
}
