package io.asyncio4j.examples;

import io.asyncio4j.Asyncio;
import io.asyncio4j.mongo.AsyncCollection;
import io.asyncio4j.mongo.AsyncCursor;
import io.asyncio4j.mongo.AsyncMongoClient;
import io.asyncio4j.mongo.FindOptions;
import io.asyncio4j.mongo.InsertOneResult;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Motor's tutorial ("Tutorial: Using Motor With asyncio"), on asyncio4j-mongo: insert a document
 * and print its inserted id ({@code do_insert}), insert a batch, then read a sorted query back
 * through a cursor ({@code do_find}: {@code find({'i': {'$lt': 5}}).sort('i')}).
 *
 * <pre>{@code
 * java ... io.asyncio4j.examples.Examples mongo mongodb://localhost:27017
 * }</pre>
 */
public final class MongoExample {
    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 ? args[0] : "mongodb://localhost:27017";
        Asyncio.run(() -> {
            try (AsyncMongoClient client = new AsyncMongoClient(uri)) {
                AsyncCollection<Document> coll = client.getDatabase("test_database").getCollection("test_collection");

                // async def do_insert(): result = await db.test_collection.insert_one({'key': 'value'})
                InsertOneResult result = coll.insertOne(new Document("key", "value"));
                System.out.println("result " + result.insertedId().asObjectId().getValue().toHexString());

                // await db.test_collection.insert_many([{'i': i} for i in range(2000)])
                List<Document> docs = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    docs.add(new Document("i", i));
                }
                System.out.println("inserted " + coll.insertMany(docs).insertedIds().size());

                // async def do_find(): async for document in db.test_collection.find({'i': {'$lt': 5}}).sort('i')
                try (AsyncCursor<Document> cursor = coll.find(new Document("i", new Document("$lt", 5)),
                        new FindOptions().sort(new Document("i", 1)).batchSize(2))) {
                    for (Document document : cursor) {
                        System.out.println("i = " + document.getInteger("i"));
                    }
                }
                System.out.println("count " + coll.countDocuments(new Document("i", new Document("$gte", 1000))));
            }
        });
    }
}
