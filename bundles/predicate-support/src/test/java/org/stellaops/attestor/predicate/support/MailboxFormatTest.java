package org.stellaops.attestor.predicate.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stellaops.attestor.api.predicate.ValidationError;

/** The {@code email} and {@code idn-email} formats check syntax, not the top-level domain. */
class MailboxFormatTest {

    private static final PredicateSchema DRAFT_07 = PredicateSchema.load(MailboxFormatTest.class,
            "/schemas/mail-draft07.schema.json");
    private static final PredicateSchema DRAFT_2020_12 = PredicateSchema.load(MailboxFormatTest.class,
            "/schemas/mail-2020-12.schema.json");

    @ParameterizedTest
    @ValueSource(strings = {"orders@build.test", "ci@corp.internal", "a@x.example", "a@localhost",
        "first.last@example.com", "o'brien+tag@sub.example.org", "\"quoted local\"@example.com", "a@[192.0.2.1]", "a@[IPv6:2001:db8::1]"})
    void acceptsMailboxesWhateverTheirTopLevelDomainInEveryDialect(String address) {
        for (PredicateSchema schema : List.of(DRAFT_07, DRAFT_2020_12)) {
            assertEquals(List.of(), Reporting.errors(schema, "mail", "\"" + address.replace("\"", "\\\"") + "\""));
            assertEquals(List.of(), Reporting.errors(schema, "idnMail", "\"" + address.replace("\"", "\\\"") + "\""));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders at example.com", "@example.com", "a@", "a@@example.com", "a..b@example.com",
        ".a@example.com", "a@-example.com", "a@example-.com", "a@example..com", "a@example.com.", "a b@example.com",
        "a@exa mple.com", "a@[300.1.1.1]"})
    void refusesWhatIsNoMailbox(String address) {
        assertEquals(List.of(new ValidationError("/predicate/idnMail",
                        "must be a valid RFC 6531 Mailbox, for example build@example.com")),
                Reporting.errors(DRAFT_07, "idnMail", "\"" + address + "\""));
        assertFalse(MailboxFormat.email().isMailbox(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jürgen@example.com", "build@bücher.example", "用户@例子.测试"})
    void acceptsInternationalMailboxesOnlyAsIdnEmail(String address) {
        assertTrue(MailboxFormat.idnEmail().isMailbox(address));
        assertFalse(MailboxFormat.email().isMailbox(address));
        assertEquals("must be a valid RFC 5321 Mailbox, for example build@example.com",
                Reporting.errors(DRAFT_2020_12, "mail", "\"" + address + "\"").get(0).message());
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 64})
    void boundsTheLocalPartAtSixtyFourOctets(int length) {
        assertEquals(length <= 64, MailboxFormat.email().isMailbox("a".repeat(length) + "@example.com"));
    }
}
