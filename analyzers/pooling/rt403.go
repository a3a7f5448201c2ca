package pooling

import (
	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/apis"
)

// RT403 flags connection pools and engines built per request or iteration.
var RT403 = &analyzers.Analyzer{
	Code:      "RT403",
	Name:      "pool-per-call",
	Severity:  analyzers.Warning,
	Languages: all,
	APIList:   true,
	Fixable:   true,
	Doc: &analyzers.Doc{
		Title: "Connection pool or engine built per request or per iteration",
		WhatItDoes: "Checks request handlers and loop bodies for pools and engines: `create_engine`, " +
			"`create_async_engine`, `psycopg_pool` pools, `asyncpg.create_pool`; in JavaScript/TypeScript " +
			"`new Pool()` (pg), `mysql.createPool`, `mysql2.createPool`, `mariadb.createPool`, `knex(...)` " +
			"and `new Sequelize(...)`. Using an existing instance (`engine.connect()`, `db('table')` on a " +
			"knex instance) is not a construction and is fine.",
		WhySlow: "A pool only pays off when it lives as long as the process: built per request, it " +
			"opens fresh connections every time (the cost pooling exists to avoid) and leaks the old " +
			"pool's connections until it is garbage-collected.",
		Example:    "```python\n@app.get(\"/orders\")\ndef orders():\n    engine = create_engine(DATABASE_URL)\n    with engine.connect() as conn:\n        return conn.execute(text(\"SELECT ...\")).all()\n```",
		UseInstead: "```python\nengine = create_engine(DATABASE_URL)  # module level: one pool\n\n@app.get(\"/orders\")\ndef orders():\n    with engine.connect() as conn:\n        return conn.execute(text(\"SELECT ...\")).all()\n```",
		FixSafety:  "Unsafe. The pool or engine moves to a module-level definition before the statement that uses it (`engine = create_engine(url)`), when its arguments use no local names; it then lives as long as the process.",
	},
	Run: func(p *analyzers.Pass) { reportHot(p, rt403Calls, "builds a new connection pool", true) },
}

const usePoolOnce = "build it once at module level or at startup and reuse it"

var rt403Calls = apis.New(
	apis.Entry{Family: apis.Python, Pattern: "sqlalchemy.{create_engine,ext.asyncio.create_async_engine}", Use: usePoolOnce, Fix: hoistFix("engine", nil)},
	apis.Entry{Family: apis.Python, Pattern: "psycopg_pool.{ConnectionPool,AsyncConnectionPool,NullConnectionPool}", Use: usePoolOnce, Fix: hoistFix("pool", nil)},
	apis.Entry{Family: apis.Python, Pattern: "psycopg2.pool.{SimpleConnectionPool,ThreadedConnectionPool}", Use: usePoolOnce, Fix: hoistFix("pool", nil)},
	apis.Entry{Family: apis.Python, Pattern: "{asyncpg,aiomysql}.create_pool", Use: usePoolOnce, Fix: hoistFix("pool", nil)},
	apis.Entry{Family: apis.Python, Pattern: "redis.{ConnectionPool,asyncio.ConnectionPool}", Use: usePoolOnce, Fix: hoistFix("pool", nil)},
	apis.Entry{Family: apis.ECMA, Pattern: "pg.Pool", Use: usePoolOnce, When: isNew, Fix: hoistFix("pool", nil)},
	apis.Entry{Family: apis.ECMA, Pattern: "{mysql,mysql2,mysql2/promise,mariadb}.createPool", Use: usePoolOnce, Fix: hoistFix("pool", nil)},
	apis.Entry{Family: apis.ECMA, Pattern: "{knex,knex.knex,knex.default}", Use: usePoolOnce, Fix: hoistFix("db", nil)},
	apis.Entry{Family: apis.ECMA, Pattern: "sequelize.Sequelize", Use: usePoolOnce, When: isNew, Fix: hoistFix("sequelize", nil)},
	apis.Entry{Family: apis.ECMA, Pattern: "generic-pool.createPool", Use: usePoolOnce, Fix: hoistFix("pool", nil)},
)
