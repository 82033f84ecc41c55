-- psql -U postgres -f deploy/postgresql.sql
CREATE ROLE obshtina LOGIN PASSWORD 'change-me';
CREATE DATABASE obshtina OWNER obshtina ENCODING 'UTF8' TEMPLATE template0;
