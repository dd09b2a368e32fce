package org.stellaops.attestor.store.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.stellaops.attestor.store.PolicyApproval;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.PolicyVersion;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.Tenants;

/**
 * Policy versions ({@code policy.versions}: {@code <tenant>\0<policy id>\0<version, 10 digits>} → JSON) and their
 * approvals ({@code policy.approvals}: the version's key {@code \0<approval time, 24 hex digits>\0<approver>} →
 * JSON), with the policy revision ({@code meta["policy.revision"]}) written in the same commit as every change. Keys
 * sort as the contract lists: by policy id (a policy id never contains {@code \0}), then version, then time and
 * approver. The maps are new in store contract 5.2: files of schema 4 simply start without them.
 */
final class PolicyVersions implements PolicyStore {

    /** The map of versions. */
    static final String VERSIONS = "policy.versions";
    /** The map of approvals. */
    static final String APPROVALS = "policy.approvals";
    private static final String REVISION = "policy.revision";
    private static final char SEPARATOR = '\0';
    private static final char AFTER_SEPARATOR = '\u0001';

    private final StoreFile file;
    private final RecordJson json;
    private final MVMap<String, String> versions;
    private final MVMap<String, String> approvals;
    private final MVMap<String, Long> meta;
    private final Object lock = new Object();
    private long revision;

    PolicyVersions(StoreFile file, RecordJson json) {
        this.file = file;
        this.json = json;
        this.versions = file.map(VERSIONS);
        this.approvals = file.map(APPROVALS);
        this.meta = file.map(StoreFile.META);
        Long stored = file.guard(() -> meta.get(REVISION));
        this.revision = stored == null ? 0 : stored;
    }

    private static String policyPrefix(String tenant, String policyId) {
        return tenant + SEPARATOR + policyId + SEPARATOR;
    }

    private static String versionKey(String tenant, String policyId, int version) {
        return policyPrefix(tenant, policyId) + String.format(Locale.ROOT, "%010d", version);
    }

    @Override
    public boolean append(PolicyVersion version) {
        Objects.requireNonNull(version, "version");
        String key = versionKey(version.tenant(), version.policyId(), version.version());
        String encoded = json.write(version);
        boolean stored;
        // changes are rare; one at a time keeps the persisted revision strictly increasing
        synchronized (lock) {
            stored = file.apply(() -> {
                if (versions.putIfAbsent(key, encoded) != null) {
                    return false;
                }
                meta.put(REVISION, ++revision);
                return true;
            });
        }
        file.awaitDurable();
        return stored;
    }

    @Override
    public Optional<PolicyVersion> get(String tenant, String policyId, int version) {
        Tenants.require(tenant);
        String encoded = file.guard(() -> versions.get(versionKey(tenant, policyId, version)));
        return encoded == null ? Optional.empty() : Optional.of(json.read(encoded, PolicyVersion.class));
    }

    @Override
    public List<PolicyVersion> history(String tenant, String policyId) {
        Tenants.require(tenant);
        return range(versions, policyPrefix(tenant, policyId), PolicyVersion.class);
    }

    @Override
    public List<PolicyVersion> allVersions(String tenant) {
        Tenants.require(tenant);
        return range(versions, tenant + SEPARATOR, PolicyVersion.class);
    }

    @Override
    public boolean approve(PolicyApproval approval) {
        Objects.requireNonNull(approval, "approval");
        String versionKey = versionKey(approval.tenant(), approval.policyId(), approval.version());
        String key = versionKey + SEPARATOR + IndexKeys.time(approval.approvedAt()) + SEPARATOR + approval.approver();
        String encoded = json.write(approval);
        boolean stored;
        synchronized (lock) {
            stored = file.apply(() -> {
                if (!versions.containsKey(versionKey)) {
                    throw new IllegalArgumentException("tenant " + approval.tenant() + " has no version "
                            + approval.version() + " of policy " + approval.policyId());
                }
                for (PolicyApproval given : rangeUnguarded(approvals, versionKey + SEPARATOR, PolicyApproval.class)) {
                    if (given.approver().equals(approval.approver())) {
                        return false;
                    }
                }
                approvals.put(key, encoded);
                meta.put(REVISION, ++revision);
                return true;
            });
        }
        file.awaitDurable();
        return stored;
    }

    @Override
    public List<PolicyApproval> approvals(String tenant, String policyId) {
        Tenants.require(tenant);
        return range(approvals, policyPrefix(tenant, policyId), PolicyApproval.class);
    }

    @Override
    public long revision() {
        synchronized (lock) {
            return revision;
        }
    }

    private <T> List<T> range(MVMap<String, String> map, String prefix, Class<T> type) {
        return file.guard(() -> rangeUnguarded(map, prefix, type));
    }

    /** Every value whose key starts with {@code prefix} (which ends with the separator), in key order. */
    private <T> List<T> rangeUnguarded(MVMap<String, String> map, String prefix, Class<T> type) {
        String high = prefix.substring(0, prefix.length() - 1) + AFTER_SEPARATOR;
        List<T> result = new ArrayList<>();
        Cursor<String, String> cursor = map.cursor(prefix);
        while (cursor.hasNext() && cursor.next().compareTo(high) < 0) {
            result.add(json.read(cursor.getValue(), type));
        }
        return result;
    }
}
