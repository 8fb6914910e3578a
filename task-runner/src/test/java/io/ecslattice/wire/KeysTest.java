package io.ecslattice.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link Keys}: random node ids and names, drawn from the characters that break keys, URIs, tags
 * and filter patterns, round-trip through each encoding, and each encoded form is legal where it goes. Seeded, so a
 * failure names the seed and the text and reruns the same.
 */
class KeysTest {
    private static final int CASES = 5_000;
    private static final long SEED = 20261207L;
    /** The awkward characters: brackets, quotes, slashes, space, #, %, ?, the escape itself, controls, RTL marks. */
    private static final String AWKWARD = "[]()\"'`/\\ #%?&=+:;,@!*~^{}|<>._-\t\n\r\u0000\u0001\u001f\u007f\u200f\u202e\u00a0\u2028";
    private static final String[] WORDS = {"1[15]", "3/2", "..", ".", "_5B", "%5B", "Hello, World!", "מפה", "خريطة", "🚀",
            "👩‍💻", "e\u0301", "日本語", "a b", "x86_64"};
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]*");
    private static final Pattern ECS_TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern SQS_NAME_PART = Pattern.compile("[A-Za-z0-9_-]*");

    @Test
    void segmentRoundTripsAndIsALegalUriPathSegmentAndS3Key() {
        forRandomTexts(text -> {
            String segment = Keys.segment(text);
            assertEquals(text, Keys.decode(segment), "round trip of " + segment);
            assertTrue(SEGMENT.matcher(segment).matches(), "only unreserved characters: " + segment);
            assertNotEquals(".", segment);
            assertNotEquals("..", segment);
            URI uri = URI.create("s3://bucket/ecs-lattice/" + segment + "/result.json");
            assertEquals("/ecs-lattice/" + segment + "/result.json", uri.normalize().getRawPath(), "nothing normalized away");
        });
    }

    @Test
    void keyOfRandomPartsIsItsOwnUriPathAndSplitsBackIntoTheParts() {
        forRandomTexts(text -> {
            String key = Keys.key("ecs-lattice", "d-1", text, 2, "result.json");
            String uri = Keys.s3Uri("bucket", key);
            assertEquals("s3://bucket/" + key, uri, "a key of segments needs no further escaping");
            String[] parts = URI.create(uri).getRawPath().split("/", -1);
            assertEquals(6, parts.length, key);
            assertEquals(text, Keys.decode(parts[3]));
        });
    }

    @Test
    void s3UriOfAnyKeyParsesAndGivesTheKeyBack() {
        forRandomTexts(text -> {
            String key = "user files/" + text + "/" + text;
            URI uri = URI.create(Keys.s3Uri("my-bucket", key));
            assertEquals("s3", uri.getScheme());
            assertEquals("my-bucket", uri.getAuthority());
            assertEquals(key, Keys.keyOfRawPath(uri.getRawPath()));
        });
    }

    @Test
    void tagValueIsOneEcsTakesAndRoundTripsWhenNotCut() {
        forRandomTexts(text -> {
            String tag = Keys.tagValue(text);
            assertTrue(ECS_TAG_VALUE.matcher(tag).matches(), "ECS's TagValue pattern: " + tag);
            assertTrue(tag.length() <= 256, tag.length() + " characters");
            String decoded = Keys.decode(tag);
            assertTrue(text.startsWith(decoded), "a cut value decodes to the start of the text: " + tag);
            if (tag.length() < 256 - 12) {
                assertEquals(text, decoded, "round trip of " + tag);   // not cut: nothing of the text left out
            }
        });
        String cut = Keys.tagValue("🚀".repeat(100));
        assertTrue(cut.length() <= 256 && cut.length() > 240, cut);
        Keys.decode(cut);   // cut at an escape's edge, so it still decodes
    }

    @Test
    void tagValueKeepsLettersOfEveryScriptReadable() {
        assertEquals("Hello_2C World_21", Keys.tagValue("Hello, World!"));
        assertEquals("מפה 1", Keys.tagValue("מפה 1"));
    }

    @Test
    void queueNamePartIsOneSqsTakesAndRoundTrips() {
        forRandomTexts(text -> {
            String part = Keys.queueNamePart(text);
            assertTrue(SQS_NAME_PART.matcher(part).matches(), part);
            assertEquals(text, Keys.decode(part));
        });
        assertEquals("EcsLatticeStack-done-d1", Keys.queueName("EcsLatticeStack-done-d1"));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class, () -> Keys.queueName("q".repeat(81)));
        assertTrue(tooLong.getMessage().contains("81 characters"), tooLong.getMessage());
    }

    @Test
    void logFilterTermQuotesTheTextAndEscapesOnlyBackslashAndQuote() {
        forRandomTexts(text -> {
            String term = Keys.logFilterTerm(text);
            assertTrue(term.startsWith("\"") && term.endsWith("\"") && term.length() >= 2, term);
            String inner = term.substring(1, term.length() - 1);
            assertEquals(text, unescapeFilterTerm(inner), term);
        });
        assertEquals("\"dispatch d, node 1[15], attempt 1\"", Keys.logFilterTerm("dispatch d, node 1[15], attempt 1"));
    }

    @Test
    void readableIdsStayReadable() {
        assertEquals("1_5B15_5D", Keys.segment("1[15]"));
        assertEquals("3_2F2", Keys.segment("3/2"));
        assertEquals("x86_5F64", Keys.segment("x86_64"));
        assertEquals("result.json", Keys.segment("result.json"));
        assertEquals("_2E_2E", Keys.segment(".."));
    }

    @Test
    void badInputIsRefusedNamingIt() {
        IllegalArgumentException notEncoded = assertThrows(IllegalArgumentException.class, () -> Keys.decode("a_zz"));
        assertTrue(notEncoded.getMessage().contains("a_zz") && notEncoded.getMessage().contains("index 1"), notEncoded.getMessage());
        IllegalArgumentException notUtf8 = assertThrows(IllegalArgumentException.class, () -> Keys.decode("_FF"));
        assertTrue(notUtf8.getMessage().contains("not UTF-8"), notUtf8.getMessage());
        IllegalArgumentException surrogate = assertThrows(IllegalArgumentException.class, () -> Keys.segment("a\ud800b"));
        assertTrue(surrogate.getMessage().contains("unpaired surrogate at index 1"), surrogate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Keys.keyOfRawPath("/a%2"));
    }

    private static String unescapeFilterTerm(String inner) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                char next = inner.charAt(++i);
                assertTrue(next == '\\' || next == '"', "only \\\\ and \\\" are escapes: " + inner);
                out.append(next);
            } else {
                assertNotEquals('"', c, "a bare quote would end the term: " + inner);
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Runs {@code property} on {@link #CASES} random texts; a failure names the case, the seed and the text. */
    private static void forRandomTexts(Consumer<String> property) {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            String text = randomText(random);
            try {
                property.accept(text);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("case " + i + " of seed " + SEED + " failed for text \"" + escapeJava(text) + "\": "
                        + e.getMessage(), e);
            }
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append(AWKWARD.charAt(random.nextInt(AWKWARD.length())));
                case 1 -> text.append(WORDS[random.nextInt(WORDS.length)]);
                case 2 -> text.append((char) ('a' + random.nextInt(26)));
                case 3 -> text.append(random.nextInt(1000));
                case 4 -> text.appendCodePoint(0x1F300 + random.nextInt(0x300));   // emoji and pictographs
                default -> {
                    // Any valid code point of the BMP or beyond, surrogate halves excluded.
                    int cp = random.nextInt(0x10FFFF);
                    text.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? cp - 0x800 : cp);
                }
            }
        }
        return text.toString();
    }

    private static String escapeJava(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
