package io.calcommcp.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The few JDBC moves the repositories share; every SQL failure becomes a {@link StoreUnavailableException}. */
final class Sql {

    private final DataSource dataSource;

    /** The connection of the transaction this instance runs in; null outside one. */
    private final Connection transaction;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
        this.transaction = null;
    }

    private Sql(Connection transaction) {
        this.dataSource = null;
        this.transaction = transaction;
    }

    /** Work done in one transaction, with the statements of {@code sql} only. */
    @FunctionalInterface
    interface Transaction<T> {
        T run(Sql sql);
    }

    /**
     * Runs {@code work} in one transaction: every statement it makes through the {@link Sql} it is
     * given commits together, or none does (an exception rolls them all back). Repositories made
     * on that {@link Sql} write inside the transaction too.
     */
    <T> T inTransaction(Transaction<T> work) {
        if (transaction != null) {
            return work.run(this);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Sql(connection));
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private Connection connection() throws SQLException {
        return transaction != null ? transaction : dataSource.getConnection();
    }

    /** Returns a connection taken by {@link #connection}: to the pool, unless a transaction holds it. */
    private void release(Connection connection) throws SQLException {
        if (transaction == null) {
            connection.close();
        }
    }

    /** Reads one column of a row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try {
            Connection connection = connection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(mapper.map(rows));
                    }
                    return out;
                }
            } finally {
                release(connection);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs an insert, update or delete; returns how many rows it touched. */
    int update(String sql, Binder binder) {
        try {
            Connection connection = connection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return statement.executeUpdate();
            } finally {
                release(connection);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The time to store: milliseconds, so what was written and what is read back are equal on every database. */
    static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static StoreUnavailableException unavailable(SQLException e) {
        // SQL states name the class of failure without quoting data; the message may quote values.
        return new StoreUnavailableException(
                "The database failed (SQL state " + (e.getSQLState() == null ? "unknown" : e.getSQLState()) + ")", e);
    }

    static void setInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            statement.setObject(index, OffsetDateTime.ofInstant(value.get(), ZoneOffset.UTC));
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(value).map(OffsetDateTime::toInstant);
    }

    static void setText(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }
}
