package dev.partnerauth.internal.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    private static Object parse(String json) throws JsonSyntaxException {
        return Json.parse(json.getBytes(UTF_8));
    }

    private static JsonSyntaxException rejected(String json) {
        return rejected(json.getBytes(UTF_8));
    }

    private static JsonSyntaxException rejected(byte[] utf8) {
        return assertThrows(JsonSyntaxException.class, () -> Json.parse(utf8));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    // ---- values ----

    @Test
    void parseWhenObjectThenLinkedHashMapInDocumentOrder() throws Exception {
        Object value = parse("{\"b\":1,\"a\":2,\"c\":3}");

        Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, value);
        assertEquals(List.of("b", "a", "c"), new ArrayList<>(map.keySet()));
    }

    @Test
    void parseWhenArrayThenArrayListOfMappedValues() throws Exception {
        Object value = parse("[\"s\",1.5,true,false,null,{},[]]");

        List<?> list = assertInstanceOf(ArrayList.class, value);
        assertEquals(Arrays.asList("s", new BigDecimal("1.5"), true, false, null, Map.of(), List.of()), list);
    }

    @Test
    void parseWhenNumberThenBigDecimalKeepingScale() throws Exception {
        assertEquals(new BigDecimal("-12.50e3"), parse("-12.50e3"));
        assertEquals(new BigDecimal("0.10"), parse("0.10"));
        assertEquals(new BigDecimal("0"), parse("-0"));
    }

    @Test
    void parseWhenMemberIsNullThenKeyPresentWithNullValue() throws Exception {
        Map<?, ?> map = (Map<?, ?>) parse("{\"phone\":null}");

        assertTrue(map.containsKey("phone"));
        assertNull(map.get("phone"));
    }

    @Test
    void parseWhenTopLevelScalarThenReturned() throws Exception {
        assertEquals("x", parse("\"x\""));
        assertEquals(Boolean.TRUE, parse("true"));
        assertNull(parse("null"));
        assertEquals(new BigDecimal("7"), parse("7"));
    }

    @Test
    void parseWhenSurroundedByJsonWhitespaceThenAccepted() throws Exception {
        assertEquals(Map.of("a", List.of()), parse(" \t\r\n{ \"a\" :\n[ ] }\r\n "));
    }

    @Test
    void parseWhenNonJsonWhitespaceAroundValueThenRejected() {
        rejected("\u00a0{}");
        rejected("{}\u2028");
        rejected("\u000b{}");
    }

    @Test
    void parseWhenEscapesThenDecoded() throws Exception {
        assertEquals("\" \\ / \b \f \n \r \t A é", parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00E9\""));
    }

    @Test
    void parseWhenSurrogatePairEscapeThenDecoded() throws Exception {
        assertEquals("\uD83D\uDE00", parse("\"\\uD83D\\ude00\""));
    }

    @Test
    void parseWhenRawMultibyteUtf8ThenDecoded() throws Exception {
        assertEquals("Zoë 😀 日本", parse("\"Zoë 😀 日本\""));
    }

    // ---- grammar ----

    @Test
    void parseWhenEmptyThenRejected() {
        rejected("");
    }

    @Test
    void parseWhenOnlyWhitespaceThenRejected() {
        rejected(" \n\t\r ");
    }

    @Test
    void parseWhenAnyProperPrefixOfDocumentThenRejected() {
        String json = "{\"a\":[1.5e2,\"x\\u0041\\n\",true,false,null],\"b\":{\"c\":-0}}";
        for (int end = 0; end < json.length(); end++) {
            rejected(json.substring(0, end));
        }
    }

    @Test
    void parseWhenTwoTopLevelValuesThenRejected() {
        rejected("{} {}");
    }

    @Test
    void parseWhenTrailingCommaInObjectThenRejected() {
        rejected("{\"a\":1,}");
    }

    @Test
    void parseWhenTrailingCommaInArrayThenRejected() {
        rejected("[1,]");
    }

    @Test
    void parseWhenEmptyArrayElementThenRejected() {
        rejected("[1,,2]");
    }

    @Test
    void parseWhenMissingColonThenRejected() {
        rejected("{\"a\" 1}");
    }

    @Test
    void parseWhenMissingCommaThenRejected() {
        rejected("[1 2]");
    }

    @Test
    void parseWhenKeyIsNotStringThenRejected() {
        rejected("{a:1}");
        rejected("{1:1}");
    }

    @Test
    void parseWhenCommentThenRejected() {
        rejected("{} // note");
        rejected("{/* note */}");
    }

    @Test
    void parseWhenSingleQuotesThenRejected() {
        rejected("{'a':1}");
        rejected("['a']");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "[NaN]"})
    void parseWhenNaNOrInfinityThenRejected(String json) {
        rejected(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"True", "nul", "tru", "nulls", "[falsey]"})
    void parseWhenInvalidLiteralThenRejected(String json) {
        rejected(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "-01", "00", "[012]", "0.1.2"})
    void parseWhenLeadingZeroThenRejected(String json) {
        rejected(json);
    }

    @Test
    void parseWhenLeadingPlusThenRejected() {
        rejected("+1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "1.", ".5", "1e", "1e+", "1.e3", "-.5", "0x10", "1_000", "１"})
    void parseWhenNumberMalformedThenRejected(String json) {
        rejected(json);
    }

    // ---- strings ----

    @Test
    void parseWhenUnescapedControlCharacterInStringThenRejected() {
        for (char c = 0; c < 0x20; c++) {
            rejected("\"a" + c + "b\"");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\x\"", "\"\\'\"", "\"\\a\"", "\"\\U0041\"", "\"\\0\""})
    void parseWhenUnknownEscapeThenRejected(String json) {
        rejected(json);
    }

    @Test
    void parseWhenUnicodeEscapeTruncatedThenRejected() {
        rejected("\"\\u00\"");
    }

    @Test
    void parseWhenUnicodeEscapeHasNonAsciiHexDigitThenRejected() {
        rejected("\"\\u００４１\"");
    }

    @Test
    void parseWhenLoneHighSurrogateEscapeThenRejected() {
        rejected("\"\\uD83D\"");
    }

    @Test
    void parseWhenLoneLowSurrogateEscapeThenRejected() {
        rejected("\"\\uDE00\"");
    }

    @Test
    void parseWhenHighSurrogateEscapeFollowedByNonLowSurrogateThenRejected() {
        rejected("\"\\uD83D\\u0041\"");
        rejected("\"\\uD83D\\uD83D\"");
        rejected("\"\\uD83Dx\"");
    }

    @Test
    void parseWhenStringUnterminatedThenRejected() {
        rejected("\"abc");
        rejected("\"abc\\");
    }

    // ---- encoding ----

    @Test
    void parseWhenOverlongUtf8ThenRejected() {
        rejected(bytes('"', 0xC0, 0xAF, '"'));
        rejected(bytes('"', 0xE0, 0x80, 0xAF, '"'));
        rejected(bytes('"', 0xF0, 0x80, 0x80, 0xAF, '"'));
    }

    @Test
    void parseWhenTruncatedUtf8SequenceThenRejected() {
        rejected(bytes('"', 0xE2, 0x82, '"'));
        rejected(bytes('"', 0xE2, 0x82));
    }

    @Test
    void parseWhenSurrogateEncodedInUtf8ThenRejected() {
        rejected(bytes('"', 0xED, 0xA0, 0x80, '"'));
        rejected(bytes('"', 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, '"'));
    }

    @Test
    void parseWhenBytesF5ToFFThenRejected() {
        for (int b = 0xF5; b <= 0xFF; b++) {
            rejected(bytes('"', b, 0x80, 0x80, 0x80, '"'));
        }
    }

    @Test
    void parseWhenUtf8ByteOrderMarkThenRejected() {
        rejected(bytes(0xEF, 0xBB, 0xBF, '{', '}'));
    }

    // ---- limits ----

    @Test
    void parseWhenNestingAtDefaultLimitThenAccepted() throws Exception {
        assertInstanceOf(List.class, parse(nested(Json.DEFAULT_MAX_DEPTH)));
    }

    @Test
    void parseWhenNestingExceedsDefaultLimitThenRejected() {
        rejected(nested(Json.DEFAULT_MAX_DEPTH + 1));
    }

    @Test
    void parseWhenObjectNestingExceedsLimitThenRejected() {
        int depth = Json.DEFAULT_MAX_DEPTH + 1;
        rejected("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    @Test
    void parseWhenTenThousandDeepNestingThenRejectedQuicklyWithoutStackOverflow() {
        String arrays = "[".repeat(10_000);
        String mixed = "{\"a\":[".repeat(10_000) + "]}".repeat(10_000);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            rejected(arrays);
            rejected(mixed);
        });
    }

    @Test
    void parseWhenCustomMaxDepthThenEnforced() throws Exception {
        assertInstanceOf(List.class, Json.parse(nested(3).getBytes(UTF_8), 3));
        assertThrows(JsonSyntaxException.class, () -> Json.parse(nested(4).getBytes(UTF_8), 3));
    }

    @Test
    void parseWhenMaxDepthOutOfRangeThenIllegalArgument() {
        byte[] json = "{}".getBytes(UTF_8);

        assertThrows(IllegalArgumentException.class, () -> Json.parse(json, 0));
        assertThrows(IllegalArgumentException.class, () -> Json.parse(json, Json.MAX_DEPTH_CEILING + 1));
    }

    @Test
    void parseWhenDuplicateKeyThenRejected() {
        rejected("{\"role\":\"user\",\"role\":\"admin\"}");
    }

    @Test
    void parseWhenDuplicateKeyFirstBoundToNullThenRejected() {
        rejected("{\"a\":null,\"a\":1}");
    }

    @Test
    void parseWhenDuplicateKeySpelledWithEscapeThenRejected() {
        rejected("{\"ab\":1,\"a\\u0062\":2}");
    }

    @Test
    void parseWhenSameKeyInDifferentObjectsThenAccepted() throws Exception {
        assertEquals(List.of(Map.of("a", BigDecimal.ONE), Map.of("a", BigDecimal.ONE)), parse("[{\"a\":1},{\"a\":1}]"));
    }

    @Test
    void parseWhenNumberIsSixtyFourCharactersThenAccepted() throws Exception {
        String number = "-" + "9".repeat(57) + ".5e-10";
        assertEquals(64, number.length());

        assertEquals(new BigDecimal(number), parse(number));
    }

    @Test
    void parseWhenNumberLongerThanSixtyFourCharactersThenRejected() {
        rejected("1".repeat(65));
    }

    @Test
    void parseWhenTenThousandDigitNumberThenRejected() {
        rejected("[" + "7".repeat(10_000) + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "1e-999999999", "0e999999999", "1e1001"})
    void parseWhenExponentHugeThenRejected(String json) {
        rejected(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e2147483648", "1e-2147483649", "1e99999999999999999999"})
    void parseWhenExponentOverflowsIntThenRejected(String json) {
        rejected(json);
    }

    @Test
    void parseWhenExponentWithinLimitThenAccepted() throws Exception {
        assertEquals(new BigDecimal("1e1000"), parse("1e1000"));
        assertEquals(new BigDecimal("2.5E-300"), parse("2.5E-300"));
    }

    // ---- hostile input in general ----

    @Test
    void parseWhenRejectedThenMessageNeverEchoesInput() {
        JsonSyntaxException syntax = rejected("{\"token\":\"s3cr3t-value\",}");
        JsonSyntaxException encoding = rejected(bytes('"', 's', '3', 'c', 0xFF, '"'));

        assertFalse(syntax.getMessage().contains("s3cr3t"), syntax.getMessage());
        assertFalse(syntax.getMessage().contains("token"), syntax.getMessage());
        assertFalse(encoding.getMessage().contains("s3c"), encoding.getMessage());
    }

    @Test
    void parseWhenRejectedThenOffsetPointsAtProblem() {
        assertEquals(6, rejected("[1, 2,]").offset());
    }

    @Test
    void parseWhenRandomlyCorruptedThenOnlySyntaxExceptionOrValue() {
        byte[] seed = "{\"a\":[1.5e2,\"x\\u00e9\\n\",true,null],\"b\":{\"c\":-0.0,\"d\":\"é😀\"}}".getBytes(UTF_8);
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            byte[] mutated = seed.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                Json.parse(mutated);
            } catch (JsonSyntaxException expected) {
                // refusal is the only acceptable failure
            }
        }
    }

    @Test
    void parseWhenNullBytesThenNullPointerException() {
        assertThrows(NullPointerException.class, () -> Json.parse(null));
    }

    // ---- writer ----

    @Test
    void writeWhenMapThenIterationOrderKept() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", List.of(true, "x"));
        map.put("m", null);

        assertEquals("{\"z\":1,\"a\":[true,\"x\"],\"m\":null}", Json.write(map));
    }

    @Test
    void writeWhenStringHasQuoteAndBackslashThenEscaped() {
        assertEquals("\"a\\\"b\\\\c/\"", Json.write("a\"b\\c/"));
    }

    @Test
    void writeWhenStringHasControlCharactersThenEscaped() {
        assertEquals("\"\\b\\f\\n\\r\\t\\u0000\\u001f\"", Json.write("\b\f\n\r\t\u0000\u001f"));
    }

    @Test
    void writeWhenStringHasHtmlSensitiveCharactersThenUnicodeEscaped() {
        assertEquals("\"\\u003c/script\\u003e\\u0026\"", Json.write("</script>&"));
    }

    @Test
    void writeWhenStringHasLineOrParagraphSeparatorThenEscaped() {
        assertEquals("\"a\\u2028b\\u2029\"", Json.write("a\u2028b\u2029"));
    }

    @Test
    void writeWhenStringHasSurrogatePairThenWrittenRaw() {
        assertEquals("\"😀é\"", Json.write("😀é"));
    }

    @Test
    void writeWhenStringHasUnpairedSurrogateThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Json.write("a\uD83D"));
        assertThrows(IllegalArgumentException.class, () -> Json.write("\uDE00a"));
    }

    @Test
    void writeEscapingLoneSurrogatesWhenUnpairedSurrogateThenEscapedAndPairsKeptRaw() {
        assertEquals("{\"sub\":\"a\\ud83d😀\\ude00\"}",
                Json.writeEscapingLoneSurrogates(Map.of("sub", "a\uD83D😀\uDE00")));
    }

    @Test
    void writeWhenIntegralNumbersThenAsIs() {
        assertEquals("[-7,9223372036854775807,3,4,123456789012345678901234567890]",
                Json.write(List.of(-7, Long.MAX_VALUE, (short) 3, (byte) 4, new BigInteger("123456789012345678901234567890"))));
    }

    @Test
    void writeWhenBigDecimalWithModestScaleThenPlain() {
        assertEquals("[1000,0.50,0.0000001]",
                Json.write(List.of(new BigDecimal("1e3"), new BigDecimal("0.50"), new BigDecimal("1e-7"))));
    }

    @Test
    void writeWhenBigDecimalWithHugeExponentThenNotExpanded() {
        assertEquals("1E+1000000000", Json.write(new BigDecimal(BigInteger.ONE, -1_000_000_000)));
        assertEquals("1E+2147483648", Json.write(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE)));
        assertEquals("1E-2147483647", Json.write(new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE)));
    }

    @Test
    void writeWhenFiniteDoubleThenValidJsonNumber() throws Exception {
        String json = Json.write(List.of(1.5, 1e-5, 2.5f));

        assertEquals("[1.5,1.0E-5,2.5]", json);
        assertEquals(3, ((List<?>) Json.parse(json.getBytes(UTF_8))).size());
    }

    @Test
    void writeWhenNonFiniteDoubleThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Float.POSITIVE_INFINITY));
    }

    @Test
    void writeWhenUnsupportedTypeThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Set.of("a")));
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of('c')));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new java.util.concurrent.atomic.AtomicInteger()));
    }

    @Test
    void writeWhenMapKeyNotStringThenIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "a")));
    }

    @Test
    void writeWhenMapKeyNullThenIllegalArgument() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(null, "a");

        assertThrows(IllegalArgumentException.class, () -> Json.write(map));
    }

    @Test
    void writeWhenValueContainsItselfThenIllegalArgument() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);

        assertThrows(IllegalArgumentException.class, () -> Json.write(cyclic));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "[]",
        "{\"errors\":[]}",
        "{\"errors\":[{\"code\":\"INVALID_PARAMETER\",\"message\":\"type - Invalid parameter value. Valid value(s): partner\",\"field\":\"user_information.type\"}]}",
        "{\"authentication\":\"k-123\",\"user_information\":{\"type\":\"partner\",\"user_id\":\"u1\",\"login\":\"zoë\",\"email\":\"z@example.com\",\"name\":\"Zoë 😀\",\"phone\":null}}",
        "{\"access_token\":\"eyJ.a-b_c\",\"expires_in\":300,\"ratio\":-0.125,\"big\":12345678901234567890123,\"flags\":[true,false,null]}",
        "{\"html\":\"\\u003cb\\u003e \\u0026amp; \\\"q\\\" \\\\ \\n\\t\\u0001 \\u2028\"}",
        "\"top-level string\"",
        "42"
    })
    void writeThenParseRoundTripsRepresentativePayloads(String json) throws Exception {
        assertEquals(json, Json.write(parse(json)));
    }

    @Test
    void writeThenParseRoundTripsEveryBmpCharacterOutsideSurrogates() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            all.append(c);
        }
        for (char c = Character.MAX_SURROGATE + 1; c != 0; c++) {
            all.append(c);
        }

        assertEquals(all.toString(), parse(Json.write(all.toString())));
    }
}
