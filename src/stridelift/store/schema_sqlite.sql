-- revision: w0004
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
)
;
CREATE TABLE imports (
	id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	paths TEXT NOT NULL, 
	files INTEGER NOT NULL, 
	size_bytes BIGINT NOT NULL, 
	imported INTEGER NOT NULL, 
	duplicates INTEGER NOT NULL, 
	skipped INTEGER NOT NULL, 
	PRIMARY KEY (id)
)
;
CREATE TABLE activities (
	id INTEGER NOT NULL, 
	content_sha256 VARCHAR(64) NOT NULL, 
	source TEXT NOT NULL, 
	sport VARCHAR(16) NOT NULL, 
	sub_sport VARCHAR(64), 
	start_utc DATETIME NOT NULL, 
	duration_s FLOAT NOT NULL, 
	moving_time_s FLOAT, 
	distance_m FLOAT, 
	elevation_gain_m FLOAT, 
	avg_hr FLOAT, 
	max_hr FLOAT, 
	n_samples INTEGER NOT NULL, 
	streams BLOB NOT NULL, 
	imported_at DATETIME NOT NULL, 
	import_id INTEGER, warnings TEXT, avg_speed_m_s FLOAT, work_speed_m_s FLOAT, work_hr FLOAT, speed_cv FLOAT, hr_cv FLOAT, surges INTEGER, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_activities_content_sha256 UNIQUE (content_sha256), 
	FOREIGN KEY(import_id) REFERENCES imports (id) ON DELETE SET NULL
)
;
CREATE INDEX ix_activities_start_utc ON activities (start_utc)
;
CREATE INDEX ix_activities_sport_start_utc ON activities (sport, start_utc)
;
CREATE TABLE users (
	id INTEGER NOT NULL, 
	email VARCHAR(254) NOT NULL, 
	password_hash VARCHAR(255) NOT NULL, 
	units VARCHAR(2) NOT NULL, 
	calendar_secret_hash VARCHAR(64), 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_users_email UNIQUE (email), 
	CONSTRAINT uq_users_calendar_secret_hash UNIQUE (calendar_secret_hash)
)
;
CREATE TABLE web_sessions (
	id_hash VARCHAR(64) NOT NULL, 
	user_id INTEGER NOT NULL, 
	csrf_token VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	revoked_at DATETIME, 
	PRIMARY KEY (id_hash), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
)
;
CREATE INDEX ix_web_sessions_user_id ON web_sessions (user_id)
;
CREATE TABLE api_tokens (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_used_at DATETIME, 
	revoked_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_api_tokens_token_hash UNIQUE (token_hash), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
)
;
CREATE INDEX ix_api_tokens_user_id ON api_tokens (user_id)
;
CREATE TABLE profiles (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	data JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_profiles_user_version UNIQUE (user_id, version), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
)
;
CREATE TABLE plans (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	profile_id INTEGER NOT NULL, 
	is_current BOOLEAN NOT NULL, 
	plan_json TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	FOREIGN KEY(profile_id) REFERENCES profiles (id) ON DELETE CASCADE
)
;
CREATE INDEX ix_plans_user_current ON plans (user_id, is_current)
;
CREATE TABLE session_logs (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	plan_id INTEGER, 
	session_key VARCHAR(40) NOT NULL, 
	day DATE NOT NULL, 
	completed_at DATETIME, 
	note TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_session_logs_user_key UNIQUE (user_id, session_key), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	FOREIGN KEY(plan_id) REFERENCES plans (id) ON DELETE SET NULL
)
;
CREATE TABLE set_logs (
	id INTEGER NOT NULL, 
	client_uuid VARCHAR(36) NOT NULL, 
	user_id INTEGER NOT NULL, 
	session_log_id INTEGER NOT NULL, 
	exercise_id VARCHAR(80) NOT NULL, 
	set_index INTEGER NOT NULL, 
	reps INTEGER, 
	seconds INTEGER, 
	load_kg FLOAT, 
	rpe FLOAT, 
	rir INTEGER, 
	warmup BOOLEAN NOT NULL, 
	performed_at DATETIME NOT NULL, 
	received_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_set_logs_client_uuid UNIQUE (client_uuid), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	FOREIGN KEY(session_log_id) REFERENCES session_logs (id) ON DELETE CASCADE
)
;
CREATE INDEX ix_set_logs_user_exercise ON set_logs (user_id, exercise_id)
;
CREATE INDEX ix_set_logs_session_log_id ON set_logs (session_log_id)
;
CREATE TABLE symptom_reports (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	day DATE NOT NULL, 
	site VARCHAR(40) NOT NULL, 
	score INTEGER NOT NULL, 
	note TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
)
;
CREATE INDEX ix_symptom_reports_user_day ON symptom_reports (user_id, day)
;
CREATE TABLE activity_aliases (
	content_sha256 VARCHAR(64) NOT NULL, 
	activity_id INTEGER NOT NULL, 
	source TEXT NOT NULL, 
	PRIMARY KEY (content_sha256), 
	FOREIGN KEY(activity_id) REFERENCES activities (id) ON DELETE CASCADE
)
;
CREATE INDEX ix_activity_aliases_activity_id ON activity_aliases (activity_id)
;
CREATE TABLE runner_activities (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	sport VARCHAR(20) NOT NULL, 
	duration_s FLOAT NOT NULL, 
	distance_m FLOAT, 
	trimp FLOAT NOT NULL, 
	method VARCHAR(16) NOT NULL, 
	file_name VARCHAR(255) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_runner_activities_user_start_sport UNIQUE (user_id, started_at, sport), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
)
;
CREATE INDEX ix_runner_activities_user_start ON runner_activities (user_id, started_at)
;
CREATE TABLE login_failures (
	id INTEGER NOT NULL, 
	"key" VARCHAR(320) NOT NULL, 
	at FLOAT NOT NULL, 
	PRIMARY KEY (id)
)
;
CREATE INDEX ix_login_failures_key_at ON login_failures ("key", at)
;
CREATE INDEX ix_set_logs_user_id ON set_logs (user_id, id)
;
