package io.ecslattice.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file behind the results store: one connection, WAL journal (readers never block the
 * writer), a busy timeout (several processes share the file), immediate write transactions (no
 * deadlock when two processes upgrade from reading to writing) and a versioned schema.
 */
final class Database implements AutoCloseable {

    /** Bumped whenever the schema changes; a store newer than this code is refused. */
    static final int SCHEMA_VERSION = 3;

    private static final int BUSY_TIMEOUT_MS = 15_000;

    /** Version 1 of the schema, where every store starts; {@link #MIGRATIONS} take it to the current version. */
    static final String[] SCHEMA = {
        """
        CREATE TABLE dispatches (
          id TEXT PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL,
          created_at INTEGER NOT NULL, started_at INTEGER, ended_at INTEGER,
          graph_json TEXT NOT NULL, args_json TEXT NOT NULL, classpath_json TEXT NOT NULL,
          output_json TEXT, output_type TEXT, error_node TEXT, error_message TEXT,
          cancel_requested INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX dispatches_by_created ON dispatches(created_at DESC)",
        """
        CREATE TABLE nodes (
          dispatch_id TEXT NOT NULL REFERENCES dispatches(id), node_id TEXT NOT NULL, seq INTEGER NOT NULL,
          name TEXT NOT NULL, status TEXT NOT NULL, executor TEXT NOT NULL, attempt INTEGER NOT NULL DEFAULT 0,
          class_name TEXT NOT NULL, method_name TEXT NOT NULL,
          inputs_json TEXT, output_json TEXT, error_type TEXT, error_message TEXT, error_stack TEXT,
          stdout TEXT, stderr TEXT, handle_json TEXT, details_json TEXT,
          pending_at INTEGER, started_at INTEGER, ended_at INTEGER,
          PRIMARY KEY (dispatch_id, node_id))""",
        """
        CREATE TABLE edges (
          dispatch_id TEXT NOT NULL REFERENCES dispatches(id), from_node TEXT NOT NULL, to_node TEXT NOT NULL,
          arg_index INTEGER NOT NULL, PRIMARY KEY (dispatch_id, from_node, to_node, arg_index))""",
        """
        CREATE TABLE leases (
          dispatch_id TEXT PRIMARY KEY REFERENCES dispatches(id), owner TEXT NOT NULL, expires_at INTEGER NOT NULL)""",
    };

    /** Version 2: every attempt of a node, with its error and why it ended (retries, timeouts). */
    private static final String[] ATTEMPTS = {
        """
        CREATE TABLE attempts (
          dispatch_id TEXT NOT NULL REFERENCES dispatches(id), node_id TEXT NOT NULL, attempt INTEGER NOT NULL,
          status TEXT NOT NULL, cause TEXT, error_type TEXT, error_message TEXT, error_stack TEXT,
          details_json TEXT, started_at INTEGER, ended_at INTEGER, next TEXT,
          PRIMARY KEY (dispatch_id, node_id, attempt))""",
    };

    /**
     * Version 3: redispatch and caching (code+inputs key, where a reused result came from), run-time
     * fan-out items (their map node), sublattice groups.
     */
    private static final String[] REUSE_AND_GROUPS = {
        "ALTER TABLE dispatches ADD COLUMN redispatch_of TEXT",
        "ALTER TABLE nodes ADD COLUMN cache_key TEXT",
        "ALTER TABLE nodes ADD COLUMN cached_from TEXT",
        "ALTER TABLE nodes ADD COLUMN parent_id TEXT",
        "ALTER TABLE nodes ADD COLUMN group_name TEXT",
        "CREATE INDEX nodes_by_cache_key ON nodes(cache_key) WHERE cache_key IS NOT NULL",
    };

    /**
     * The statements that bring a store of version {@code i} to {@code i + 1}; a new store (version 0)
     * takes every step, so old and new stores end up alike.
     */
    static final String[][] MIGRATIONS = {SCHEMA, ATTEMPTS, REUSE_AND_GROUPS};

    /** A unit of work on the connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of results store " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        Connection connection;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new StoreException("cannot open results store " + file + ": " + e.getMessage(), e);
        }
        Database database = new Database(file, connection);
        try {
            database.migrate();
            return database;
        } catch (SQLException | RuntimeException e) {
            // A refused or broken store must not keep its file open in this process.
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("cannot open results store " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} outside a transaction (each statement sees the latest commit). */
    synchronized <T> T read(Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot read results store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one immediate transaction: all of it is stored or none. */
    synchronized <T> T write(Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write results store " + file + ": " + e.getMessage(), e);
        }
    }

    private void migrate() throws SQLException {
        write(connection -> {
            int version;
            try (Statement statement = connection.createStatement();
                 var rows = statement.executeQuery("PRAGMA user_version")) {
                version = rows.next() ? rows.getInt(1) : 0;
            }
            if (version > SCHEMA_VERSION) {
                throw new StoreException("results store " + file + " has schema version " + version
                        + ", newer than this ecs-lattice understands (" + SCHEMA_VERSION + "); upgrade ecs-lattice or use another results_db");
            }
            try (Statement statement = connection.createStatement()) {
                for (int step = version; step < SCHEMA_VERSION; step++) {
                    for (String ddl : MIGRATIONS[step]) {
                        statement.execute(ddl);
                    }
                }
                if (version < SCHEMA_VERSION) {
                    statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                }
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close results store " + file + ": " + e.getMessage(), e);
        }
    }
}
