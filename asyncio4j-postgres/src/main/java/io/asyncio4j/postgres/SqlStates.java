package io.asyncio4j.postgres;

import java.util.Map;
import java.util.function.Function;

/** Maps a SQLSTATE to the most specific {@link PostgresError} subclass. */
final class SqlStates {
    private static final Map<String, Function<Map<Character, String>, PostgresError>> EXACT = Map.ofEntries(
            Map.entry("22001", StringDataRightTruncation::new),
            Map.entry("22003", NumericValueOutOfRange::new),
            Map.entry("22007", InvalidDatetimeFormat::new),
            Map.entry("22008", DatetimeFieldOverflow::new),
            Map.entry("22012", DivisionByZero::new),
            Map.entry("22P02", InvalidTextRepresentation::new),
            Map.entry("23001", RestrictViolation::new),
            Map.entry("23502", NotNullViolation::new),
            Map.entry("23503", ForeignKeyViolation::new),
            Map.entry("23505", UniqueViolation::new),
            Map.entry("23514", CheckViolation::new),
            Map.entry("23P01", ExclusionViolation::new),
            Map.entry("25001", ActiveSqlTransaction::new),
            Map.entry("25006", ReadOnlySqlTransaction::new),
            Map.entry("25P02", InFailedSqlTransaction::new),
            Map.entry("28P01", InvalidPassword::new),
            Map.entry("40001", SerializationFailure::new),
            Map.entry("40P01", DeadlockDetected::new),
            Map.entry("42501", InsufficientPrivilege::new),
            Map.entry("42601", SyntaxError::new),
            Map.entry("42703", UndefinedColumn::new),
            Map.entry("42883", UndefinedFunction::new),
            Map.entry("42P01", UndefinedTable::new),
            Map.entry("42704", UndefinedObject::new),
            Map.entry("42P07", DuplicateTable::new),
            Map.entry("42710", DuplicateObject::new),
            Map.entry("42804", DatatypeMismatch::new),
            Map.entry("53300", TooManyConnections::new),
            Map.entry("55P03", LockNotAvailable::new),
            Map.entry("57014", QueryCanceled::new),
            Map.entry("57P01", AdminShutdown::new),
            Map.entry("57P03", CannotConnectNow::new),
            Map.entry("P0001", RaiseException::new));
    private static final Map<String, Function<Map<Character, String>, PostgresError>> CLASSES = Map.ofEntries(
            Map.entry("0A", FeatureNotSupported::new),
            Map.entry("21", CardinalityViolation::new),
            Map.entry("22", DataError::new),
            Map.entry("23", IntegrityConstraintViolation::new),
            Map.entry("24", InvalidCursorState::new),
            Map.entry("25", InvalidTransactionState::new),
            Map.entry("26", InvalidSqlStatementName::new),
            Map.entry("28", InvalidAuthorizationSpecification::new),
            Map.entry("3D", InvalidCatalogName::new),
            Map.entry("3F", InvalidSchemaName::new),
            Map.entry("40", TransactionRollback::new),
            Map.entry("42", SyntaxErrorOrAccessRuleViolation::new),
            Map.entry("53", InsufficientResources::new),
            Map.entry("54", ProgramLimitExceeded::new),
            Map.entry("55", ObjectNotInPrerequisiteState::new),
            Map.entry("57", OperatorIntervention::new),
            Map.entry("58", SystemError::new),
            Map.entry("P0", PlPgsqlError::new),
            Map.entry("XX", InternalServerError::new));

    private SqlStates() {
    }

    static PostgresError create(Map<Character, String> fields) {
        String code = fields.get('C');
        if (code != null) {
            var f = EXACT.get(code);
            if (f == null && code.length() >= 2) {
                f = CLASSES.get(code.substring(0, 2));
            }
            if (f != null) {
                return f.apply(fields);
            }
        }
        return new PostgresError(fields);
    }
}
