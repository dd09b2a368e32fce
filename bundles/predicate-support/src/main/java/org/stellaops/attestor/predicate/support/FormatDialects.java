package org.stellaops.attestor.predicate.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Specification;
import com.networknt.schema.dialect.DefaultDialectRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.DialectRegistry;
import com.networknt.schema.dialect.Dialects;

/**
 * The JSON Schema dialects (draft-04 to 2020-12) with this bundle's format checks in place of the validator's where
 * they differ: {@code email} and {@code idn-email} ({@link MailboxFormat}).
 */
final class FormatDialects {

    private static final Map<String, Dialect> DIALECTS = new HashMap<>();

    static {
        for (Dialect dialect : List.of(Dialects.getDraft4(), Dialects.getDraft6(), Dialects.getDraft7(),
                Dialects.getDraft201909(), Dialects.getDraft202012())) {
            DIALECTS.put(dialect.getId(), Dialect.builder(dialect)
                    .format(MailboxFormat.email())
                    .format(MailboxFormat.idnEmail())
                    .build());
        }
    }

    private FormatDialects() {
    }

    /** @return a registry that answers every standard dialect id, in any of its spellings, with the adapted dialect */
    static DialectRegistry registry() {
        return new DefaultDialectRegistry(id -> {
            Dialect standard = Specification.getDialect(id);
            return standard == null ? null : DIALECTS.get(standard.getId());
        });
    }
}
