package org.mailtrail.matcher.directory.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.bson.Document;
import org.mailtrail.matcher.directory.domain.Contact;
import org.mailtrail.matcher.directory.domain.RevisionRange;
import org.mailtrail.matcher.directory.domain.Salesperson;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;

/**
 * The {@code contacts} and {@code salespeople} collections. Bulk writes are unordered: one
 * failing document does not stop the others, and the server may apply them in parallel. Every
 * document carries the revision that wrote it last; a deleted one stays, marked {@code deleted},
 * until it is pruned, and every read but the one of a revision's changes leaves it out.
 */
@Component
public class DirectoryStore {

    /** Bounds the memory one bulk request and one streamed batch take. */
    static final int BATCH = 5_000;

    private static final String REVISION = "revision";
    private static final String DELETED = "deleted";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final InsertManyOptions UNORDERED_INSERT = new InsertManyOptions().ordered(false);

    private final MongoTemplate mongo;

    public DirectoryStore(MongoTemplate mongo) {
        this.mongo = mongo;
        for (Class<?> type : List.of(ContactDocument.class, SalespersonDocument.class)) {
            mongo.indexOps(type).createIndex(new Index().named("by_revision").on(REVISION, Sort.Direction.ASC));
        }
    }

    /** Upserts under {@code revision}; an upsert of a deleted contact brings it back. */
    public void upsertContacts(List<Contact> contacts, long revision, Instant at) {
        upsert(contacts, ContactDocument.class, contact -> ContactDocument.from(contact, revision, at));
    }

    public void upsertSalespeople(List<Salesperson> salespeople, long revision, Instant at) {
        upsert(salespeople, SalespersonDocument.class,
                salesperson -> SalespersonDocument.from(salesperson, revision, at));
    }

    /** Marks the contact deleted under {@code revision}, keeping nothing of it but its id; an unknown id stays unknown. */
    public void deleteContact(String id, long revision, Instant at) {
        mongo.replace(byId(id), ContactDocument.deleted(id, revision, at));
    }

    public void deleteSalesperson(String code, long revision, Instant at) {
        mongo.replace(byId(code), SalespersonDocument.deleted(code, revision, at));
    }

    /** Hands every contact (deleted ones left out) to {@code batchConsumer}, a batch at a time. */
    public void forEachContactBatch(Consumer<List<Contact>> batchConsumer) {
        forEach(live(new Query()), ContactDocument.class, ContactDocument::toContact, batchConsumer);
    }

    public void forEachSalespersonBatch(Consumer<List<Salesperson>> batchConsumer) {
        forEach(live(new Query()), SalespersonDocument.class, SalespersonDocument::toSalesperson, batchConsumer);
    }

    /**
     * Hands the contacts that revisions of {@code range} wrote last, as MongoDB holds them now: those upserted to
     * {@code upserted} and the ids of those deleted to {@code deleted}, a batch at a time.
     */
    public void forEachChangedContactBatch(RevisionRange range, Consumer<List<Contact>> upserted,
            Consumer<List<String>> deleted) {
        forEach(live(changedIn(range)), ContactDocument.class, ContactDocument::toContact, upserted);
        forEach(changedIn(range).addCriteria(Criteria.where(DELETED).is(true)), ContactDocument.class,
                ContactDocument::id, deleted);
    }

    public void forEachChangedSalespersonBatch(RevisionRange range, Consumer<List<Salesperson>> upserted,
            Consumer<List<String>> deleted) {
        forEach(live(changedIn(range)), SalespersonDocument.class, SalespersonDocument::toSalesperson, upserted);
        forEach(changedIn(range).addCriteria(Criteria.where(DELETED).is(true)), SalespersonDocument.class,
                SalespersonDocument::code, deleted);
    }

    /** Moves what revision {@code from} still holds (of contacts and salespeople alike) to revision {@code to}. */
    public void restamp(long from, long to) {
        Query written = Query.query(Criteria.where(REVISION).is(from));
        Update restamped = Update.update(REVISION, to);
        mongo.updateMulti(written, restamped, ContactDocument.class);
        mongo.updateMulti(written, restamped, SalespersonDocument.class);
    }

    /** Removes for good what revisions up to {@code revision} deleted; returns how many documents. */
    public long pruneDeleted(long revision) {
        Query deleted = Query.query(Criteria.where(REVISION).lte(revision).and(DELETED).is(true));
        return mongo.remove(deleted, ContactDocument.class).getDeletedCount()
                + mongo.remove(deleted, SalespersonDocument.class).getDeletedCount();
    }

    /**
     * Upserts in batches, straight through the driver: Spring Data's bulk operations map and publish
     * lifecycle events per document, which costs more than the write itself at 100,000 rows. Most
     * rows of a big import are new, and an insert is much cheaper than an upsert, so each batch is
     * inserted first (unordered: every row is tried) and only the rows whose id exists already are
     * replaced. The caller passes each id once.
     */
    private <T, D> void upsert(List<T> items, Class<D> documentType, Function<T, D> toDocument) {
        MongoCollection<Document> collection = mongo.getCollection(mongo.getCollectionName(documentType));
        for (int start = 0; start < items.size(); start += BATCH) {
            List<Document> batch = new ArrayList<>(BATCH);
            for (T item : items.subList(start, Math.min(items.size(), start + BATCH))) {
                Document document = new Document();
                mongo.getConverter().write(toDocument.apply(item), document);
                batch.add(document);
            }
            replaceExisting(collection, batch, insertNew(collection, batch));
        }
    }

    /** Inserts the batch and returns the positions of the documents whose id exists already. */
    private static List<Integer> insertNew(MongoCollection<Document> collection, List<Document> batch) {
        try {
            collection.insertMany(batch, UNORDERED_INSERT);
            return List.of();
        } catch (MongoBulkWriteException e) {
            List<BulkWriteError> others = e.getWriteErrors().stream()
                    .filter(error -> ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY).toList();
            if (!others.isEmpty()) {
                throw e;
            }
            return e.getWriteErrors().stream().map(BulkWriteError::getIndex).toList();
        }
    }

    private static void replaceExisting(MongoCollection<Document> collection, List<Document> batch,
            List<Integer> existing) {
        if (existing.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> replacements = existing.stream().map(batch::get)
                .map(document -> new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT))
                .toList();
        collection.bulkWrite(replacements, UNORDERED);
    }

    private <D, T> void forEach(Query query, Class<D> documentType, Function<D, T> map,
            Consumer<List<T>> batchConsumer) {
        try (Stream<D> documents = mongo.stream(query, documentType)) {
            inBatches(documents.map(map), batchConsumer);
        }
    }

    private static <T> void inBatches(Stream<T> items, Consumer<List<T>> batchConsumer) {
        List<T> batch = new ArrayList<>(BATCH);
        items.forEach(item -> {
            batch.add(item);
            if (batch.size() == BATCH) {
                batchConsumer.accept(List.copyOf(batch));
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            batchConsumer.accept(List.copyOf(batch));
        }
    }

    /** Documents written before deletes were kept have no {@code deleted} field: they are live. */
    private static Query live(Query query) {
        return query.addCriteria(Criteria.where(DELETED).ne(true));
    }

    private static Query changedIn(RevisionRange range) {
        Criteria revision = Criteria.where(REVISION).gt(range.after()).lte(range.upTo());
        if (!range.skipped().isEmpty()) {
            revision = revision.nin(range.skipped());
        }
        return Query.query(revision);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
