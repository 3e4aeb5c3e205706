package org.mailtrail.matcher.directory.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.bson.Document;
import org.mailtrail.matcher.directory.domain.Contact;
import org.mailtrail.matcher.directory.domain.Salesperson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
 * failing document does not stop the others, and the server may apply them in parallel.
 */
@Component
public class DirectoryStore {

    /** Bounds the memory one bulk request and one streamed batch take. */
    static final int BATCH = 5_000;

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final InsertManyOptions UNORDERED_INSERT = new InsertManyOptions().ordered(false);

    private final MongoTemplate mongo;

    public DirectoryStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void upsertContacts(List<Contact> contacts, Instant at) {
        upsert(contacts, ContactDocument.class, contact -> ContactDocument.from(contact, at), Contact::id);
    }

    public void upsertSalespeople(List<Salesperson> salespeople, Instant at) {
        upsert(salespeople, SalespersonDocument.class, salesperson -> SalespersonDocument.from(salesperson, at),
                Salesperson::code);
    }

    public void deleteContact(String id) {
        mongo.remove(byId(id), ContactDocument.class);
    }

    public void deleteSalesperson(String code) {
        mongo.remove(byId(code), SalespersonDocument.class);
    }

    /** Hands every stored contact to {@code batchConsumer}, a batch at a time. */
    public void forEachContactBatch(Consumer<List<Contact>> batchConsumer) {
        try (Stream<ContactDocument> documents = mongo.stream(new Query(), ContactDocument.class)) {
            inBatches(documents.map(ContactDocument::toContact), batchConsumer);
        }
    }

    public void forEachSalespersonBatch(Consumer<List<Salesperson>> batchConsumer) {
        try (Stream<SalespersonDocument> documents = mongo.stream(new Query(), SalespersonDocument.class)) {
            inBatches(documents.map(SalespersonDocument::toSalesperson), batchConsumer);
        }
    }

    /**
     * Upserts in batches, straight through the driver: Spring Data's bulk operations map and publish
     * lifecycle events per document, which costs more than the write itself at 100,000 rows. Most
     * rows of a big import are new, and an insert is much cheaper than an upsert, so each batch is
     * inserted first (unordered: every row is tried) and only the rows whose id exists already are
     * replaced. The caller passes each id once.
     */
    private <T, D> void upsert(List<T> items, Class<D> documentType, Function<T, D> toDocument,
            Function<T, String> id) {
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

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
