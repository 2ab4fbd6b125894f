namespace StaticNet.Tuning;

/// <summary>
/// Optuna 3.1's RDB schema for SQLite, statement for statement as SQLAlchemy emits it from
/// <c>optuna/storages/_rdb/models.py</c> (dumped from a database Optuna 3.1 created), and the version rows it checks:
/// <c>version_info</c> (schema 12) and <c>alembic_version</c> at <c>v3.0.0.d</c>, the head revision Optuna 3.x expects.
/// </summary>
internal static class OptunaSchema
{
    public const int SchemaVersion = 12;
    public const string AlembicRevision = "v3.0.0.d";
    public const string LibraryVersion = "3.1.0";

    public static readonly string[] Tables =
    [
        "studies", "version_info", "study_directions", "study_user_attributes", "study_system_attributes", "trials",
        "trial_user_attributes", "trial_system_attributes", "trial_params", "trial_values", "trial_intermediate_values",
        "trial_heartbeats", "alembic_version",
    ];

    public static readonly string[] Statements =
    [
        """
        CREATE TABLE studies (
        	study_id INTEGER NOT NULL, 
        	study_name VARCHAR(512) NOT NULL, 
        	PRIMARY KEY (study_id)
        )
        """,
        "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)",
        """
        CREATE TABLE version_info (
        	version_info_id INTEGER NOT NULL, 
        	schema_version INTEGER, 
        	library_version VARCHAR(256), 
        	PRIMARY KEY (version_info_id), 
        	CHECK (version_info_id=1)
        )
        """,
        """
        CREATE TABLE study_directions (
        	study_direction_id INTEGER NOT NULL, 
        	direction VARCHAR(8) NOT NULL, 
        	study_id INTEGER NOT NULL, 
        	objective INTEGER NOT NULL, 
        	PRIMARY KEY (study_direction_id), 
        	UNIQUE (study_id, objective), 
        	FOREIGN KEY(study_id) REFERENCES studies (study_id)
        )
        """,
        """
        CREATE TABLE study_user_attributes (
        	study_user_attribute_id INTEGER NOT NULL, 
        	study_id INTEGER, 
        	"key" VARCHAR(512), 
        	value_json TEXT, 
        	PRIMARY KEY (study_user_attribute_id), 
        	UNIQUE (study_id, "key"), 
        	FOREIGN KEY(study_id) REFERENCES studies (study_id)
        )
        """,
        """
        CREATE TABLE study_system_attributes (
        	study_system_attribute_id INTEGER NOT NULL, 
        	study_id INTEGER, 
        	"key" VARCHAR(512), 
        	value_json TEXT, 
        	PRIMARY KEY (study_system_attribute_id), 
        	UNIQUE (study_id, "key"), 
        	FOREIGN KEY(study_id) REFERENCES studies (study_id)
        )
        """,
        """
        CREATE TABLE trials (
        	trial_id INTEGER NOT NULL, 
        	number INTEGER, 
        	study_id INTEGER, 
        	state VARCHAR(8) NOT NULL, 
        	datetime_start DATETIME, 
        	datetime_complete DATETIME, 
        	PRIMARY KEY (trial_id), 
        	FOREIGN KEY(study_id) REFERENCES studies (study_id)
        )
        """,
        """
        CREATE TABLE trial_user_attributes (
        	trial_user_attribute_id INTEGER NOT NULL, 
        	trial_id INTEGER, 
        	"key" VARCHAR(512), 
        	value_json TEXT, 
        	PRIMARY KEY (trial_user_attribute_id), 
        	UNIQUE (trial_id, "key"), 
        	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE trial_system_attributes (
        	trial_system_attribute_id INTEGER NOT NULL, 
        	trial_id INTEGER, 
        	"key" VARCHAR(512), 
        	value_json TEXT, 
        	PRIMARY KEY (trial_system_attribute_id), 
        	UNIQUE (trial_id, "key"), 
        	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE trial_params (
        	param_id INTEGER NOT NULL, 
        	trial_id INTEGER, 
        	param_name VARCHAR(512), 
        	param_value FLOAT, 
        	distribution_json TEXT, 
        	PRIMARY KEY (param_id), 
        	UNIQUE (trial_id, param_name), 
        	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE trial_values (
        	trial_value_id INTEGER NOT NULL, 
        	trial_id INTEGER NOT NULL, 
        	objective INTEGER NOT NULL, 
        	value FLOAT, 
        	value_type VARCHAR(7) NOT NULL, 
        	PRIMARY KEY (trial_value_id), 
        	UNIQUE (trial_id, objective), 
        	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE trial_intermediate_values (
        	trial_intermediate_value_id INTEGER NOT NULL, 
        	trial_id INTEGER NOT NULL, 
        	step INTEGER NOT NULL, 
        	intermediate_value FLOAT, 
        	intermediate_value_type VARCHAR(7) NOT NULL, 
        	PRIMARY KEY (trial_intermediate_value_id), 
        	UNIQUE (trial_id, step), 
        	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE trial_heartbeats (
        	trial_heartbeat_id INTEGER NOT NULL, 
        	trial_id INTEGER NOT NULL, 
        	heartbeat DATETIME NOT NULL, 
        	PRIMARY KEY (trial_heartbeat_id), 
        	UNIQUE (trial_id), 
        	FOREIGN KEY(trial_id) REFERENCES trials (trial_id)
        )
        """,
        """
        CREATE TABLE alembic_version (
        	version_num VARCHAR(32) NOT NULL, 
        	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
        )
        """,
    ];

    /// <summary>How a float is stored beside its type tag: NULL plus INF_POS/INF_NEG/NAN for the values SQL cannot hold.</summary>
    public static (object Value, string Type) ToStored(double value) =>
        double.IsNaN(value) ? (DBNull.Value, "NAN")
        : double.IsPositiveInfinity(value) ? (DBNull.Value, "INF_POS")
        : double.IsNegativeInfinity(value) ? (DBNull.Value, "INF_NEG")
        : (value, "FINITE");

    public static double FromStored(object value, string type, string where) => type switch
    {
        "FINITE" => value is DBNull ? throw new FormatException($"{where}: a FINITE value is NULL") : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        "INF_POS" => double.PositiveInfinity,
        "INF_NEG" => double.NegativeInfinity,
        "NAN" => double.NaN,
        _ => throw new FormatException($"{where}: unknown value type '{type}'"),
    };
}
