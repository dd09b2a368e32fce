package org.stellaops.attestor.store.embedded;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the embedded store (PID {@value EmbeddedStore#PID}).
 */
@ObjectClassDefinition(name = "Attestor embedded store",
        description = "Entries, dedupe and uuid indexes, trust roots and the audit trail in one local H2 MVStore file.")
public @interface EmbeddedStoreConfig {

    /**
     * @return the store file; empty means {@code <attestor.data.dir>/store/attestor.mv}
     */
    @AttributeDefinition(name = "Path", description = "The MVStore file. Empty means "
            + "<attestor.data.dir>/store/attestor.mv.")
    String path() default "";

    /**
     * @return the page cache size in MiB
     */
    @AttributeDefinition(name = "Cache size (MiB)", min = "1", description = "MVStore page cache size: the store's "
            + "main heap use (records and indexes stay in the file). Larger caches make lookups in big stores "
            + "faster; the heap must leave room for it.")
    int cacheSizeMb() default 16;
}
