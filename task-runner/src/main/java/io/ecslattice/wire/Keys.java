package io.ecslattice.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.IntPredicate;

/**
 * The one place where node ids and user-supplied text become part of an S3 key, an {@code s3://} URI, an ECS tag
 * value, a CloudWatch Logs filter pattern or an SQS queue name. A fan-out item's id ({@code 1[15]}), a sublattice's
 * ({@code 3/2}) or a workflow named {@code Hello, World!} holds characters that each of those refuses or reads as
 * syntax, so every site that builds one calls this class instead of concatenating.
 * <p>
 * Texts are escaped reversibly: a character outside the target's safe set, and the escape character {@code _}
 * itself, becomes {@code _HH} per UTF-8 byte (upper-case hex), e.g. {@code 1[15]} is {@code 1_5B15_5D}; {@link #decode}
 * reverses every form. Key segments keep only characters that are at once unreserved in a URI, safe in an S3 key and
 * allowed in a tag ({@code A-Z a-z 0-9 . -}), so a key is also its own URI path and needs no further escaping.
 * Whole {@code s3://} URIs percent-encode the key ({@link #s3Uri}), so an object key made elsewhere survives too.
 * A file's name is the one text kept as it is in a key (its last part): S3 takes any name, and so
 * {@link FileRef#name()} is the same on every side; its URI is still percent-encoded.
 */
public final class Keys {
    private static final char ESCAPE = '_';
    /** The segment of the empty text: a lone escape, which no other text encodes to. */
    private static final String EMPTY = "_";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** ECS's longest tag value; it allows letters, spaces, digits and {@code _ . : / = + - @} (here {@code _} escapes). */
    static final int MAX_TAG_VALUE_LENGTH = 256;
    /** SQS queue names: at most 80 characters, letters, digits, {@code -} and {@code _}. */
    static final int MAX_QUEUE_NAME_LENGTH = 80;

    private Keys() {
    }

    /**
     * {@code text} as one segment of an S3 key or a URI path: only {@code A-Z a-z 0-9 . -} and {@code _HH} escapes, never
     * {@code /}, and never empty, {@code .} or {@code ..} (which paths and URIs normalize away): the empty text is
     * {@value #EMPTY}.
     */
    public static String segment(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        String encoded = encode(text, Keys::isSegmentChar, Integer.MAX_VALUE);
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "_2E") : encoded;
    }

    /** An S3 key of {@code parts}, each encoded as a {@link #segment}, joined by {@code /}. */
    public static String key(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            if (key.length() > 0) {
                key.append('/');
            }
            key.append(segment(String.valueOf(part)));
        }
        return key.toString();
    }

    /**
     * {@code text} as an ECS tag value: letters (any script), digits and spaces stay readable, {@code _} and what ECS
     * refuses (emoji, punctuation, control characters) are escaped; cut to ECS's 256 characters between two characters
     * of {@code text}, so a cut value still decodes (to the start of the text).
     */
    public static String tagValue(String text) {
        return encode(text, Keys::isTagChar, MAX_TAG_VALUE_LENGTH);
    }

    /**
     * {@code text} as part of an SQS queue name: only {@code A-Z a-z 0-9 -} and {@code _HH} escapes. Check the whole
     * name with {@link #queueName}.
     */
    public static String queueNamePart(String text) {
        return encode(text, c -> isAsciiAlphanumeric(c) || c == '-', Integer.MAX_VALUE);
    }

    /** {@code name} when SQS takes it as a queue name; else fails naming it and SQS's rule. */
    public static String queueName(String name) {
        if (name.isEmpty() || name.length() > MAX_QUEUE_NAME_LENGTH
                || !name.chars().allMatch(c -> isAsciiAlphanumeric(c) || c == '-' || c == '_')) {
            throw new IllegalArgumentException("queue name " + name + " (" + name.length() + " characters) is not one SQS takes:"
                    + " 1 to " + MAX_QUEUE_NAME_LENGTH + " letters, digits, - and _; use a shorter stack_name");
        }
        return name;
    }

    /** The text that {@link #segment}, {@link #tagValue} (when not cut) or {@link #queueNamePart} made {@code encoded} from. */
    public static String decode(String encoded) {
        if (encoded.equals(EMPTY)) {
            return "";
        }
        return unescape(encoded, ESCAPE, "_HH");
    }

    /**
     * The {@code s3://} URI of an object: the key percent-encoded (every byte but {@code A-Z a-z 0-9 - . _ ~ /}), so
     * {@code URI.create} takes it whatever the key holds. A key made of {@link #segment}s comes out unchanged.
     */
    public static String s3Uri(String bucket, String key) {
        StringBuilder uri = new StringBuilder("s3://").append(bucket).append('/');
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isAsciiAlphanumeric(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                uri.append((char) c);
            } else {
                uri.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
        return uri.toString();
    }

    /** The object key of a URI's raw (still percent-encoded) path, without its leading {@code /}. */
    public static String keyOfRawPath(String rawPath) {
        return unescape(rawPath.startsWith("/") ? rawPath.substring(1) : rawPath, '%', "%HH");
    }

    /** {@code text} with each {@code escape}HH byte run decoded as UTF-8; {@code form} names the escape in errors. */
    private static String unescape(String text, char escape, String form) {
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == escape) {
                bytes.write(hexByte(text, i + 1, form));
                i += 3;
                continue;
            }
            flush(bytes, out, text);
            out.append(c);
            i++;
        }
        flush(bytes, out, text);
        return out.toString();
    }

    /**
     * A CloudWatch Logs filter pattern that matches events holding {@code text} as it is: the text as one quoted term,
     * its {@code \} and {@code "} escaped with {@code \} (brackets, commas and spaces are literal inside quotes).
     */
    public static String logFilterTerm(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code text} with what {@code keep} refuses escaped, ending before the first character that would pass {@code max}. */
    private static String encode(String text, IntPredicate keep, int max) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                throw new IllegalArgumentException("text " + printable(text) + " holds an unpaired surrogate at index " + i
                        + "; it is not valid Unicode and has no UTF-8 form");
            }
            StringBuilder one = new StringBuilder();
            if (cp != ESCAPE && keep.test(cp)) {
                one.appendCodePoint(cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    one.append(ESCAPE).append(HEX.toHexDigits(b));
                }
            }
            if (out.length() + one.length() > max) {
                break;
            }
            out.append(one);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static int hexByte(String s, int at, String form) {
        if (at + 2 > s.length() || !HexFormat.isHexDigit(s.charAt(at)) || !HexFormat.isHexDigit(s.charAt(at + 1))) {
            throw new IllegalArgumentException(printable(s) + " is not an encoded text: the escape at index " + (at - 1)
                    + " is not " + form + " (two hex digits)");
        }
        return HexFormat.fromHexDigits(s, at, at + 2);
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder text, String source) {
        if (bytes.size() == 0) {
            return;
        }
        try {
            text.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(printable(source) + " is not an encoded text: its escapes are not UTF-8 ("
                    + e + ")", e);
        }
        bytes.reset();
    }

    private static boolean isSegmentChar(int c) {
        return isAsciiAlphanumeric(c) || c == '-' || c == '.';
    }

    private static boolean isTagChar(int c) {
        int type = Character.getType(c);
        boolean letter = Character.isLetter(c);
        boolean number = type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
        boolean separator = type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
        return letter || number || separator || ".:/=+-@".indexOf(c) >= 0;
    }

    private static boolean isAsciiAlphanumeric(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** The text with control characters shown as {@code \\uHHHH}, for error messages. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
