package io.calcommcp.server.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which time zone ids a model may send, and what to tell it when it sent something else.
 *
 * <p>A model likes to write "EST", "GMT+2" or "new york"; the API wants an IANA region id such as
 * "America/New_York". An abbreviation is ambiguous (IST is India, Israel or Ireland) and an offset
 * ignores daylight saving time, so the answer would be off by an hour for half the year. Rather
 * than guessing for the model we refuse such values, and the refusal names the id it most likely
 * meant, so the next call is right.
 *
 * <p>The valid ids are the JDK's region ids (those with a '/') plus "UTC", computed once; the
 * check is a set lookup. Suggestions are computed only on the error path.
 */
final class TimeZones {

    /** The example every refusal shows, so that there is always one valid id to copy. */
    static final String EXAMPLE = "America/New_York";

    private static final int MAX_SUGGESTIONS = 3;
    // No IANA id is longer than about 32 characters; anything much longer is not a typo of one.
    private static final int MAX_TYPO_LENGTH = 64;

    private static final List<String> SORTED = validIds();
    private static final Set<String> VALID = Set.copyOf(SORTED);
    private static final Map<String, String> BY_LOWER_CASE = byLowerCase();
    private static final Map<String, List<String>> ABBREVIATIONS = abbreviations();

    // "GMT+2", "UTC-05:30", "+0200", "utc +5": an optional prefix, a sign, hours, optional minutes.
    private static final Pattern OFFSET =
            Pattern.compile("(?i)(?:GMT|UTC|UT|Z)?\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?");

    /**
     * Regions that stand for an offset in a refusal, best known first. Each is matched on its
     * January and its July offset, so "GMT+2" (what Berlin is in summer) finds Europe/Berlin.
     */
    private static final List<String> REPRESENTATIVE = List.of(
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Anchorage",
            "Pacific/Honolulu",
            "America/Halifax",
            "America/St_Johns",
            "America/Sao_Paulo",
            "America/Noronha",
            "Europe/Berlin",
            "Europe/London",
            "Atlantic/Azores",
            "Europe/Athens",
            "Europe/Moscow",
            "Asia/Tehran",
            "Asia/Dubai",
            "Asia/Kabul",
            "Asia/Karachi",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Asia/Dhaka",
            "Asia/Yangon",
            "Asia/Bangkok",
            "Asia/Shanghai",
            "Asia/Singapore",
            "Australia/Eucla",
            "Asia/Tokyo",
            "Australia/Adelaide",
            "Australia/Sydney",
            "Australia/Lord_Howe",
            "Pacific/Noumea",
            "Pacific/Auckland",
            "Pacific/Chatham",
            "Pacific/Tongatapu",
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago",
            "Pacific/Marquesas",
            "Pacific/Gambier");

    private static final Instant JANUARY = Instant.parse("2025-01-15T12:00:00Z");
    private static final Instant JULY = Instant.parse("2025-07-15T12:00:00Z");

    private TimeZones() {}

    /**
     * Whether {@code id} is an IANA region id as a user writes it ("Europe/Berlin", "Etc/GMT+2")
     * or exactly "UTC". Abbreviations, legacy ids without a region ("EST5EDT", "CET"), offsets and
     * ids in the wrong case are refused: the API may not know them, or reads them differently.
     */
    static boolean isValid(String id) {
        return id != null && VALID.contains(id);
    }

    /**
     * Up to three valid ids the caller probably meant by {@code received}, best first; never empty
     * (when nothing is close, common ids are offered). Deterministic for a given JDK.
     */
    static List<String> suggestions(String received) {
        List<String> close = closeMatches(received);
        return close.isEmpty() ? List.of(EXAMPLE, "Europe/London", "UTC") : close;
    }

    /**
     * The sentence to show for an invalid {@code received} value of {@code argument}: it quotes
     * the value, says why it is refused, and shows at least one valid id.
     */
    static String problem(String argument, String received) {
        String value = received == null ? "" : received;
        String quoted = argument + ": \"" + value + "\"";
        Offset offset = Offset.parse(value.trim());
        if (offset != null) {
            return quoted + offsetAdvice(offset);
        }
        String sameIgnoringCase = BY_LOWER_CASE.get(value.trim().toLowerCase(Locale.ROOT));
        if (sameIgnoringCase != null) {
            return quoted + " is not an IANA time zone id: ids are case-sensitive. Use \"" + sameIgnoringCase + "\".";
        }
        List<String> close = closeMatches(value);
        String didYouMean = close.isEmpty() ? "" : " (did you mean " + quotedList(close) + "?)";
        return quoted + " is not an IANA time zone id. Use a region id such as \"" + EXAMPLE + "\"" + didYouMean + ".";
    }

    private static String offsetAdvice(Offset offset) {
        List<String> regions = offset.regions();
        String region = regions.isEmpty() ? EXAMPLE : regions.get(0);
        String advice = " is a UTC offset, not a time zone: an offset ignores daylight saving time, so times"
                + " would be off by an hour for part of the year. Use the region id of the place, for example \""
                + region + "\"";
        if (offset.totalMinutes() == 0) {
            return advice + ", or \"UTC\" for UTC itself.";
        }
        String etc = offset.etcId();
        if (etc != null) {
            return advice + "; only if a fixed offset is really meant, use \"" + etc
                    + "\" (the Etc/GMT sign is inverted: \"" + etc + "\" is " + offset.utcText() + ").";
        }
        return advice + ".";
    }

    /** What {@code received} most likely meant, best first; empty when nothing is close. */
    private static List<String> closeMatches(String received) {
        String text = received == null ? "" : received.trim();
        if (text.isEmpty()) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        found.addAll(ABBREVIATIONS.getOrDefault(text.toUpperCase(Locale.ROOT), List.of()));
        String sameIgnoringCase = BY_LOWER_CASE.get(text.toLowerCase(Locale.ROOT));
        if (sameIgnoringCase != null) {
            found.add(sameIgnoringCase);
        }
        Offset offset = Offset.parse(text);
        if (offset != null) {
            if (offset.totalMinutes() == 0) {
                found.add("UTC");
            } else if (offset.etcId() != null) {
                found.add(offset.etcId());
            }
            found.addAll(offset.regions());
        }
        if (found.isEmpty()) {
            found.addAll(nearest(text));
        }
        return found.stream().limit(MAX_SUGGESTIONS).toList();
    }

    /** The valid ids closest to {@code text} by edit distance, on the whole id or its city part. */
    private static List<String> nearest(String text) {
        String wanted = normalize(text);
        if (wanted.length() > MAX_TYPO_LENGTH) {
            return List.of();
        }
        // A typo may cost about a third of the text; beyond that the match is a guess.
        int limit = Math.max(1, wanted.length() / 3);
        record Candidate(String id, int distance) {}
        List<Candidate> candidates = new ArrayList<>();
        for (String id : SORTED) {
            String full = normalize(id);
            int distance = distance(wanted, full);
            int slash = full.lastIndexOf('/');
            if (slash >= 0) {
                distance = Math.min(distance, distance(wanted, full.substring(slash + 1)));
            }
            if (distance <= limit) {
                candidates.add(new Candidate(id, distance));
            }
        }
        // Stable sort over the sorted ids: equal distances stay in alphabetical order.
        candidates.sort(Comparator.comparingInt(Candidate::distance));
        return candidates.stream().limit(MAX_SUGGESTIONS).map(Candidate::id).toList();
    }

    private static String normalize(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    /** Edit distance where swapping two neighbouring letters ("Yrok") costs one. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String quotedList(List<String> ids) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                out.append(i == ids.size() - 1 ? " or " : ", ");
            }
            out.append('"').append(ids.get(i)).append('"');
        }
        return out.toString();
    }

    /** An offset from UTC as the caller wrote it, such as GMT+2 or -05:30. */
    private record Offset(int totalMinutes) {

        static Offset parse(String text) {
            Matcher m = OFFSET.matcher(text);
            if (!m.matches()) {
                return null;
            }
            int hours = Integer.parseInt(m.group(2));
            int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (hours > 14 || minutes > 59) {
                return null;
            }
            int total = hours * 60 + minutes;
            return new Offset(m.group(1).equals("-") ? -total : total);
        }

        /** The Etc/GMT id of this offset; POSIX inverts the sign, so UTC+2 is Etc/GMT-2. */
        String etcId() {
            if (totalMinutes % 60 != 0) {
                return null;
            }
            int hours = totalMinutes / 60;
            String id = "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
            return VALID.contains(id) ? id : null;
        }

        /** Up to two well-known regions that have this offset in winter or in summer. */
        List<String> regions() {
            List<String> out = new ArrayList<>();
            for (String id : REPRESENTATIVE) {
                if (!VALID.contains(id)) {
                    continue;
                }
                ZoneRules rules = ZoneId.of(id).getRules();
                int seconds = totalMinutes * 60;
                if (rules.getOffset(JANUARY).getTotalSeconds() == seconds
                        || rules.getOffset(JULY).getTotalSeconds() == seconds) {
                    out.add(id);
                    if (out.size() == 2) {
                        break;
                    }
                }
            }
            return out;
        }

        String utcText() {
            int abs = Math.abs(totalMinutes);
            String text = "UTC" + (totalMinutes < 0 ? "-" : "+") + abs / 60;
            return abs % 60 == 0 ? text : text + String.format(Locale.ROOT, ":%02d", abs % 60);
        }
    }

    private static List<String> validIds() {
        Set<String> ids = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            // SystemV/* are JDK leftovers, not IANA ids, even though they have a '/'.
            if (id.indexOf('/') > 0 && !id.startsWith("SystemV/")) {
                ids.add(id);
            }
        }
        ids.add("UTC");
        return List.copyOf(ids);
    }

    private static Map<String, String> byLowerCase() {
        Map<String, String> out = new HashMap<>();
        for (String id : SORTED) {
            out.putIfAbsent(id.toLowerCase(Locale.ROOT), id);
        }
        return Map.copyOf(out);
    }

    /** Common abbreviations and legacy names, upper case, to the region ids they usually mean. */
    private static Map<String, List<String>> abbreviations() {
        Map<String, List<String>> out = new HashMap<>();
        put(out, List.of("EST", "EDT", "ET", "EST5EDT"), "America/New_York");
        put(out, List.of("CST", "CDT", "CT", "CST6CDT"), "America/Chicago");
        put(out, List.of("MST", "MDT", "MT", "MST7MDT"), "America/Denver", "America/Phoenix");
        put(out, List.of("PST", "PDT", "PT", "PST8PDT"), "America/Los_Angeles");
        put(out, List.of("AKST", "AKDT"), "America/Anchorage");
        put(out, List.of("HST"), "Pacific/Honolulu");
        put(out, List.of("AST", "ADT"), "America/Halifax");
        put(out, List.of("NST", "NDT"), "America/St_Johns");
        put(out, List.of("GMT", "UTC", "Z", "UT", "ZULU", "UCT", "UNIVERSAL", "GMT0", "GREENWICH"), "UTC");
        put(out, List.of("BST", "GB", "WET", "WEST"), "Europe/London");
        put(out, List.of("CET", "CEST", "MET", "MEST"), "Europe/Paris", "Europe/Berlin");
        put(out, List.of("EET", "EEST"), "Europe/Athens");
        put(out, List.of("MSK"), "Europe/Moscow");
        put(out, List.of("IST"), "Asia/Kolkata");
        put(out, List.of("PKT"), "Asia/Karachi");
        put(out, List.of("SGT"), "Asia/Singapore");
        put(out, List.of("HKT"), "Asia/Hong_Kong");
        put(out, List.of("JST"), "Asia/Tokyo");
        put(out, List.of("KST"), "Asia/Seoul");
        put(out, List.of("AWST"), "Australia/Perth");
        put(out, List.of("ACST", "ACDT"), "Australia/Adelaide");
        put(out, List.of("AEST", "AEDT"), "Australia/Sydney");
        put(out, List.of("NZST", "NZDT", "NZ"), "Pacific/Auckland");
        put(out, List.of("BRT"), "America/Sao_Paulo");
        return Map.copyOf(out);
    }

    private static void put(Map<String, List<String>> out, List<String> names, String... ids) {
        List<String> valid = List.of(ids).stream().filter(VALID::contains).toList();
        for (String name : names) {
            out.put(name, valid);
        }
    }
}
