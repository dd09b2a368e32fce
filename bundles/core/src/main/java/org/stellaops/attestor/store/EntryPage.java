package org.stellaops.attestor.store;

import java.util.List;

/**
 * One page of a search.
 *
 * @param records the records of this page, in the search order
 * @param nextCursor the cursor of the next page, or null when this is the last page
 */
public record EntryPage(List<EntryRecord> records, String nextCursor) {
    /**
     * @param records copied
     * @param nextCursor may be null
     */
    public EntryPage {
        records = List.copyOf(records);
    }
}
