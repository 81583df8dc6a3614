package org.jvirt.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jvirt.api.Operation;

/**
 * The report of one run of the kit against one driver: which suites ran, which were not
 * applicable and why, every test's outcome and what it checked, and for every operation whether
 * it is declared and which tests checked it. Thread-safe.
 */
final class TckReport {
    private final String kitClass;
    private final List<TestRecord> records = new ArrayList<>();
    private String target;
    private Set<Operation> declared;

    TckReport(String kitClass) {
        this.kitClass = kitClass;
    }

    synchronized TestRecord newRecord(String suite, String test) {
        TestRecord r = new TestRecord(suite, test);
        records.add(r);
        return r;
    }

    /** Remembers what the target is and declares; the first session to connect tells. */
    synchronized void target(String description, Set<Operation> declaredOps) {
        if (target == null) {
            target = description;
            declared = EnumSet.copyOf(declaredOps);
        }
    }

    /** What the target declares, as the first session saw it; empty before any connected. */
    synchronized Set<Operation> declared() {
        return declared == null ? EnumSet.noneOf(Operation.class) : EnumSet.copyOf(declared);
    }

    synchronized String render() {
        StringBuilder out = new StringBuilder();
        out.append("jvirt driver conformance kit: report for ").append(kitClass).append('\n');
        out.append("target: ").append(target == null ? "(never connected)" : target).append('\n');
        Set<Operation> decl = declared == null ? EnumSet.noneOf(Operation.class) : declared;
        out.append("declared: ").append(decl.size()).append(" of ").append(Operation.values().length)
                .append(" operations\n\n");

        Map<String, List<TestRecord>> bySuite = new LinkedHashMap<>();
        for (TestRecord r : records) {
            bySuite.computeIfAbsent(r.suite, k -> new ArrayList<>()).add(r);
        }
        int suitesRan = 0;
        int suitesNa = 0;
        out.append("Suites\n");
        for (Map.Entry<String, List<TestRecord>> e : bySuite.entrySet()) {
            SuiteSummary s = summarise(e.getValue());
            if (s.ran) {
                suitesRan++;
            } else {
                suitesNa++;
            }
            out.append(String.format(Locale.ROOT, "  %-15s %-30s %s%n", s.ran ? "RAN" : "NOT APPLICABLE",
                    e.getKey(), s.counts));
            if (!s.ran) {
                for (String why : s.why) {
                    out.append("                  why: ").append(why).append('\n');
                }
            }
        }

        out.append("\nTests\n");
        int passed = 0;
        int failed = 0;
        int na = 0;
        int other = 0;
        for (Map.Entry<String, List<TestRecord>> e : bySuite.entrySet()) {
            out.append("  ").append(e.getKey()).append('\n');
            for (TestRecord r : e.getValue()) {
                TestRecord.Outcome o = r.outcome();
                switch (o) {
                    case PASSED -> passed++;
                    case FAILED -> failed++;
                    case NOT_APPLICABLE -> na++;
                    default -> other++;
                }
                out.append(String.format(Locale.ROOT, "    %-15s %s%n", label(o), r.test));
                if (!r.contract().isEmpty()) {
                    out.append("        contract checked: ").append(names(r.contract())).append('\n');
                }
                if (!r.invoked().isEmpty()) {
                    out.append("        declared, answered without NO_SUPPORT: ").append(names(r.invoked())).append('\n');
                }
                if (!r.noSupport().isEmpty()) {
                    out.append("        undeclared, NO_SUPPORT checked: ").append(names(r.noSupport())).append('\n');
                }
                if (!r.denied().isEmpty()) {
                    out.append("        denied on a read-only connection: ").append(names(r.denied())).append('\n');
                }
                for (String note : r.notes()) {
                    out.append("        note: ").append(note).append('\n');
                }
                if (r.detail() != null) {
                    out.append("        ").append(o == TestRecord.Outcome.FAILED ? "failure: " : "why: ")
                            .append(firstLine(r.detail())).append('\n');
                }
            }
        }

        out.append("\nOperations\n");
        int neverExercised = 0;
        int contractChecked = 0;
        int noSupportChecked = 0;
        int violations = 0;
        int daemonLacking = 0;
        for (Operation op : Operation.values()) {
            boolean isDeclared = decl.contains(op);
            int contract = 0;
            int invoked = 0;
            int noSupport = 0;
            int denied = 0;
            int violated = 0;
            int lacking = 0;
            String uncheckedWhy = null;
            for (TestRecord r : records) {
                if (uncheckedWhy == null) {
                    uncheckedWhy = r.unchecked().get(op);
                }
                contract += r.contract().contains(op) ? 1 : 0;
                invoked += r.invoked().contains(op) ? 1 : 0;
                noSupport += r.noSupport().contains(op) ? 1 : 0;
                denied += r.denied().contains(op) ? 1 : 0;
                violated += r.violated().contains(op) ? 1 : 0;
                lacking += r.daemonLacks().contains(op) ? 1 : 0;
            }
            String status;
            if (isDeclared) {
                if (contract > 0) {
                    contractChecked++;
                }
                status = contract > 0 ? "contract checked by " + contract + " test(s)"
                        : invoked > 0 ? "answered without NO_SUPPORT, contract NOT checked"
                        : lacking > 0 ? "NOT SUPPORTED BY THE DAEMON'S DRIVER (NO_SUPPORT in " + lacking + " test(s), skipped)"
                        : "NOT EXERCISED";
                if (lacking > 0) {
                    daemonLacking++;
                    if (contract > 0 || invoked > 0) {
                        status += "; NO_SUPPORT from the daemon's driver in " + lacking + " test(s), skipped";
                    }
                }
            } else {
                if (noSupport > 0) {
                    noSupportChecked++;
                }
                status = noSupport > 0 ? "NO_SUPPORT checked by " + noSupport + " test(s)"
                        : uncheckedWhy != null ? "NO_SUPPORT not checkable: " + uncheckedWhy : "NOT EXERCISED";
            }
            if (violated > 0) {
                status = "VIOLATED in " + violated + " test(s)"
                        + (contract > 0 ? "; contract checked by " + contract + " test(s)" : "");
                violations++;
            } else if (status.equals("NOT EXERCISED")) {
                neverExercised++;
            }
            if (denied > 0) {
                status += "; denied read-only by " + denied + " test(s)";
            }
            out.append(String.format(Locale.ROOT, "  %-34s %-10s %s%n", op.libvirtName(),
                    isDeclared ? "declared" : "undeclared", status));
        }

        out.append(String.format(Locale.ROOT, "%nSummary: %d tests: %d passed, %d failed, %d not applicable, %d other;"
                        + " suites: %d ran, %d not applicable; operations: %d declared (%d contract-checked),"
                        + " %d undeclared (%d NO_SUPPORT-checked), %d violated, %d never exercised%n",
                records.size(), passed, failed, na, other, suitesRan, suitesNa, decl.size(), contractChecked,
                Operation.values().length - decl.size(), noSupportChecked, violations, neverExercised));
        if (daemonLacking > 0) {
            out.append(String.format(Locale.ROOT, "Through a daemon: %d declared operations answered NO_SUPPORT by the"
                    + " daemon's driver (their tests skipped)%n", daemonLacking));
        }
        return out.toString();
    }

    /**
     * The short form printed to the console: the header and suites, each failed test with its
     * failure, and the summary line.
     */
    static String brief(String full) {
        StringBuilder out = new StringBuilder();
        String[] lines = full.split("\n");
        boolean head = true;
        String suite = "";
        boolean anyFailure = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.equals("Tests")) {
                head = false;
                continue;
            }
            if (head) {
                out.append(line).append('\n');
            } else if (line.startsWith("  ") && !line.startsWith("   ")) {
                suite = line.trim();
            } else if (line.trim().startsWith("FAILED") || line.trim().startsWith("NOT APPLICABLE")) {
                if (!anyFailure) {
                    out.append("Tests that failed or were not applicable\n");
                    anyFailure = true;
                }
                out.append("  ").append(line.trim().replaceFirst(" {2,}", "  " + suite + " / ")).append('\n');
                for (int j = i + 1; j < lines.length && lines[j].startsWith("        "); j++) {
                    String detail = lines[j].trim();
                    if (detail.startsWith("failure:") || detail.startsWith("why:")) {
                        out.append("      ").append(detail).append('\n');
                    }
                }
            } else if (line.startsWith("Summary:")) {
                out.append(anyFailure ? "\n" : "").append(line).append('\n');
            } else if (line.startsWith("Through a daemon:")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Writes the report to {@code file}, creating its directory; returns the text. */
    String write(Path file) throws IOException {
        String text = render();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return text;
    }

    private record SuiteSummary(boolean ran, String counts, List<String> why) {
    }

    private static SuiteSummary summarise(List<TestRecord> tests) {
        boolean ran = false;
        int passed = 0;
        int failed = 0;
        int na = 0;
        Set<String> reasons = new LinkedHashSet<>();
        Set<Operation> noSupport = EnumSet.noneOf(Operation.class);
        for (TestRecord r : tests) {
            TestRecord.Outcome o = r.outcome();
            if (o == TestRecord.Outcome.FAILED || r.checkedAContract()) {
                ran = true;
            }
            switch (o) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case NOT_APPLICABLE -> na++;
                default -> { }
            }
            if (o == TestRecord.Outcome.NOT_APPLICABLE && r.detail() != null) {
                reasons.add(firstLine(r.detail()));
            }
            noSupport.addAll(r.noSupport());
        }
        String counts = tests.size() + " tests: " + passed + " passed" + (failed > 0 ? ", " + failed + " FAILED" : "")
                + (na > 0 ? ", " + na + " not applicable" : "");
        List<String> why = groupUncheckable(reasons);
        if (!noSupport.isEmpty()) {
            why.add("undeclared, NO_SUPPORT checked: " + names(noSupport));
        }
        return new SuiteSummary(ran, counts, why.isEmpty() ? List.of("nothing to check") : why);
    }

    private static final java.util.regex.Pattern UNCHECKABLE =
            java.util.regex.Pattern.compile("NO_SUPPORT of (\\S+) cannot be checked: (.*)");

    /** "NO_SUPPORT of A cannot be checked: X" and "... of B ...: X" become "NO_SUPPORT of A, B cannot be checked: X". */
    private static List<String> groupUncheckable(Set<String> reasons) {
        Map<String, List<String>> byWhy = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (String reason : reasons) {
            java.util.regex.Matcher m = UNCHECKABLE.matcher(reason);
            if (m.matches()) {
                byWhy.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(m.group(1));
            } else {
                out.add(reason);
            }
        }
        byWhy.forEach((why, ops) -> out.add("NO_SUPPORT of " + String.join(", ", ops) + " cannot be checked: " + why));
        return out;
    }

    private static String label(TestRecord.Outcome o) {
        return switch (o) {
            case PASSED -> "PASSED";
            case FAILED -> "FAILED";
            case NOT_APPLICABLE -> "NOT APPLICABLE";
            case ABORTED -> "ABORTED";
            case DISABLED -> "DISABLED";
        };
    }

    static String names(Set<Operation> ops) {
        Set<String> sorted = new TreeSet<>();
        for (Operation op : ops) {
            sorted.add(op.libvirtName());
        }
        return String.join(", ", sorted);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
