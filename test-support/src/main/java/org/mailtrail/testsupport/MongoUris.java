package org.mailtrail.testsupport;

/** Puts a database name into a MongoDB connection string, keeping its hosts and options. */
final class MongoUris {

    static String withDatabase(String uri, String database) {
        int hostsStart = uri.indexOf("://");
        if (hostsStart < 0) {
            throw new IllegalArgumentException("not a MongoDB connection string: " + uri);
        }
        hostsStart += 3;
        int query = uri.indexOf('?', hostsStart);
        String options = query < 0 ? "" : uri.substring(query + 1);
        String base = query < 0 ? uri : uri.substring(0, query);
        int slash = base.indexOf('/', hostsStart);
        String hosts = slash < 0 ? base : base.substring(0, slash);
        String previousDatabase = slash < 0 ? "" : base.substring(slash + 1);
        // With credentials, the database in the path is also where they are checked: keep that.
        boolean credentials = hosts.substring(hostsStart).contains("@");
        if (credentials && !previousDatabase.isEmpty() && !options.contains("authSource=")) {
            options = options.isEmpty() ? "authSource=" + previousDatabase : options + "&authSource=" + previousDatabase;
        }
        return hosts + "/" + database + (options.isEmpty() ? "" : "?" + options);
    }

    private MongoUris() {
    }
}
