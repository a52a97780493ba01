package io.subito.container.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9110 section 12.5.3, in memory: what each Accept-Encoding value says about gzip. */
class AcceptEncodingTest {
    private static AcceptEncoding read(String... values) {
        AcceptEncoding a = new AcceptEncoding();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' allows gzip: {1}")
    @CsvSource(delimiter = '|', value = {
        "gzip                               | true",
        "GZIP                               | true",
        "x-gzip                             | true",
        "gzip, deflate, br, zstd            | true",
        "br;q=1.0, gzip;q=0.8, *;q=0.1      | true",
        "gzip;q=0                           | false",
        "gzip;q=0.000                       | false",
        "gzip;Q=0                           | false",
        "gzip ; q=0                         | false",
        "gzip;q=0.001                       | true",
        "gzip;q=1.000                       | true",
        "*                                  | true",
        "*;q=0                              | false",
        "gzip;q=0, *                        | false",
        "*, gzip;q=0                        | false",
        "br, deflate                        | false",
        "identity                           | false",
        "identity;q=0                       | false",
        "identity;q=0, *                    | true",
        "identity;q=0, gzip;q=0.5           | true",
        "gzip;q=0.5, identity               | false",
        "gzip;q=0.5, identity;q=0.5         | true",
        "gzip;q=0.5, *;q=1                  | true",
        "gzip, gzip;q=0                     | false",
        "gzip;level=9;q=0.5                 | true",
        "'gzip,,, ,br'                      | true",
        "gzip;q=2                           | false",
        "gzip;q=1.5                         | false",
        "gzip;q=0.5555                      | false",
        "gzip;q=.5                          | false",
        "gzip;q=                            | false",
        "gzip;q                             | false",
        "gzip;q=abc                         | false",
        "gzip x                             | false",
        "gzipper                            | false",
        "''                                 | false",
    })
    void gzipIsAllowedWhenItsWeightIsAboveZeroAndNotBelowIdentity(String value, boolean allowed) {
        assertEquals(allowed, read(value).allowsGzip(), read(value).toString());
    }

    @Test
    void weightsAreReadInThousandths() {
        AcceptEncoding a = read("gzip;q=0.75, identity;q=0.5");
        assertEquals(750, a.gzipWeight());
        assertEquals(500, a.identityWeight());
        assertEquals(1000, read("gzip").gzipWeight());
        assertEquals(300, read("*;q=0.3").gzipWeight(), "gzip unlisted takes the weight of *");
        assertEquals(AcceptEncoding.ABSENT, read("gzip").identityWeight());
    }

    @Test
    void severalFieldLinesAreOneList() {
        assertTrue(read("br", "gzip").allowsGzip());
        assertFalse(read("gzip", "gzip;q=0").allowsGzip(), "a refusal on a later line is not outvoted");
        assertFalse(read("*", "identity;q=1, gzip;q=0.5").allowsGzip());
    }

    @Test
    void anAbsentFieldAllowsNothingAndResetForgetsEverything() {
        AcceptEncoding a = new AcceptEncoding();
        assertFalse(a.present());
        assertFalse(a.allowsGzip(), "no Accept-Encoding: sent as it is (as Tomcat does)");
        a.add("gzip");
        assertTrue(a.present());
        assertTrue(a.allowsGzip());
        a.reset();
        assertFalse(a.present());
        assertFalse(a.allowsGzip());
    }

    @Test
    void qvaluesFollowTheGrammar() {
        assertEquals(0, AcceptEncoding.qvalue("0", 0, 1));
        assertEquals(1000, AcceptEncoding.qvalue("1", 0, 1));
        assertEquals(1000, AcceptEncoding.qvalue("1.", 0, 2));
        assertEquals(500, AcceptEncoding.qvalue("0.5", 0, 3));
        assertEquals(123, AcceptEncoding.qvalue("0.123", 0, 5));
        assertEquals(-1, AcceptEncoding.qvalue("1.001", 0, 5));
        assertEquals(-1, AcceptEncoding.qvalue("0.1234", 0, 6));
        assertEquals(-1, AcceptEncoding.qvalue("", 0, 0));
        assertEquals(-1, AcceptEncoding.qvalue("-0", 0, 2));
    }
}
