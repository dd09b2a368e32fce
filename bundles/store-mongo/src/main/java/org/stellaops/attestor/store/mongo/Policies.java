package org.stellaops.attestor.store.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.stellaops.attestor.cas.StorageException;
import org.stellaops.attestor.store.PolicyApproval;
import org.stellaops.attestor.store.PolicyStore;
import org.stellaops.attestor.store.PolicyVersion;
import org.stellaops.attestor.store.RecordJson;
import org.stellaops.attestor.store.Tenants;

/**
 * The {@code policies} collection (store contract 5.2): one document per policy version, {@code _id}
 * {@code v|<tenant>|<policy id>|<version, 10 digits>}, and one per approval, {@code _id}
 * {@code a|<tenant>|<policy id>|<version, 10 digits>|<approver>} — so the unique {@code _id} makes "exactly one
 * append of a version wins" and "one approval per approver" single-document inserts, for any number of workers.
 * Each document carries its value in the JSON form every store shares ({@code body}) and the fields queries and
 * sorts use. Nothing is ever updated or deleted, so {@link #revision()} is simply the number of documents: it
 * changes exactly when a version or an approval is added, by any worker, with no counter that could drift from
 * what is stored.
 */
final class Policies implements PolicyStore {

    static final String COLLECTION = "policies";
    static final String KIND = "kind";
    static final String KIND_VERSION = "version";
    static final String KIND_APPROVAL = "approval";
    static final String POLICY_ID = "policyId";
    static final String POLICY_VERSION = "policyVersion";
    static final String APPROVED_AT = "approvedAt";
    static final String APPROVER = "approver";

    private final MongoCollection<Document> policies;
    private final RecordJson json = new RecordJson();

    Policies(MongoCollection<Document> policies) {
        this.policies = policies;
    }

    private static String versionId(String tenant, String policyId, int version) {
        return "v|" + tenant + "|" + policyId + "|" + String.format(Locale.ROOT, "%010d", version);
    }

    @Override
    public boolean append(PolicyVersion version) {
        Objects.requireNonNull(version, "version");
        Document doc = new Document(Fields.ID, versionId(version.tenant(), version.policyId(), version.version()))
                .append(KIND, KIND_VERSION).append(Fields.TENANT, version.tenant())
                .append(POLICY_ID, version.policyId()).append(POLICY_VERSION, version.version())
                .append(Fields.BODY, json.write(version));
        return insert(doc, "storing policy " + version.policyId() + "@" + version.version());
    }

    @Override
    public Optional<PolicyVersion> get(String tenant, String policyId, int version) {
        Tenants.require(tenant);
        String id = versionId(tenant, policyId, version);
        Document doc = Mongo.call("reading policy " + policyId, () -> policies.find(Filters.eq(Fields.ID, id)).first());
        return Optional.ofNullable(doc).map(d -> read(d, PolicyVersion.class));
    }

    @Override
    public List<PolicyVersion> history(String tenant, String policyId) {
        Tenants.require(tenant);
        return list(Filters.and(Filters.eq(KIND, KIND_VERSION), Filters.eq(Fields.TENANT, tenant),
                Filters.eq(POLICY_ID, policyId)), Sorts.ascending(POLICY_VERSION), PolicyVersion.class);
    }

    @Override
    public List<PolicyVersion> allVersions(String tenant) {
        Tenants.require(tenant);
        return list(Filters.and(Filters.eq(KIND, KIND_VERSION), Filters.eq(Fields.TENANT, tenant)),
                Sorts.ascending(POLICY_ID, POLICY_VERSION), PolicyVersion.class);
    }

    @Override
    public boolean approve(PolicyApproval approval) {
        Objects.requireNonNull(approval, "approval");
        String versionId = versionId(approval.tenant(), approval.policyId(), approval.version());
        boolean exists = Mongo.call("reading policy " + approval.policyId(),
                () -> policies.find(Filters.eq(Fields.ID, versionId)).first() != null);
        if (!exists) {
            throw new IllegalArgumentException("tenant " + approval.tenant() + " has no version " + approval.version()
                    + " of policy " + approval.policyId());
        }
        Document doc = new Document(Fields.ID, "a" + versionId.substring(1) + "|" + approval.approver())
                .append(KIND, KIND_APPROVAL).append(Fields.TENANT, approval.tenant())
                .append(POLICY_ID, approval.policyId()).append(POLICY_VERSION, approval.version())
                .append(APPROVED_AT, Times.encode(approval.approvedAt())).append(APPROVER, approval.approver())
                .append(Fields.BODY, json.write(approval));
        return insert(doc, "storing an approval of " + approval.policyId() + "@" + approval.version());
    }

    @Override
    public List<PolicyApproval> approvals(String tenant, String policyId) {
        Tenants.require(tenant);
        return list(Filters.and(Filters.eq(KIND, KIND_APPROVAL), Filters.eq(Fields.TENANT, tenant),
                Filters.eq(POLICY_ID, policyId)), Sorts.ascending(POLICY_VERSION, APPROVED_AT, APPROVER),
                PolicyApproval.class);
    }

    @Override
    public long revision() {
        return Mongo.call("reading the policy revision", policies::countDocuments);
    }

    /** @return true if inserted, false if a document with its {@code _id} exists */
    private boolean insert(Document doc, String what) {
        try {
            policies.insertOne(doc);
            return true;
        } catch (MongoException e) {
            if (Mongo.duplicateKey(e)) {
                return false;
            }
            throw new StorageException(StorageException.FAILURE, what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> list(Bson filter, Bson sort, Class<T> type) {
        List<T> result = new ArrayList<>();
        Mongo.run("reading policies", () -> policies.find(filter).sort(sort).forEach(d -> result.add(read(d, type))));
        return result;
    }

    private <T> T read(Document doc, Class<T> type) {
        try {
            return json.read(doc.getString(Fields.BODY), type);
        } catch (RuntimeException e) {
            throw new StorageException(StorageException.CORRUPT, "stored policy document " + doc.get(Fields.ID)
                    + " cannot be read back", e);
        }
    }
}
