-- SQL Export from Strata 0.1.0
-- Export time: 2026-11-22T09:42:16Z
-- Snapshot: 2026-11-22T09:42:16.885036Z
-- Dialect: postgres
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
BEGIN;

CREATE TABLE "users" (
  "id" BIGINT NOT NULL,
  "name" VARCHAR(80) NOT NULL,
  "email" TEXT,
  "age" BIGINT,
  "created" TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY ("id")
);
INSERT INTO "users" ("id", "name", "email", "age", "created") VALUES (1, 'Ingrid Nakamura', 'ingrid.nakamura1@example.com', 32, TIMESTAMPTZ '2024-08-20T05:57:37Z'),
  (2, 'Alice Иванова', 'alice.user2@correo.example.es', 45, TIMESTAMPTZ '2024-04-15T15:50:51Z'),
  (3, 'José Brown', 'jose.brown3@example.com', 56, TIMESTAMPTZ '2024-06-06T04:49:13Z'),
  (4, 'François Wang', 'francois.wang4@example.de', 73, TIMESTAMPTZ '2024-05-09T16:10:46Z'),
  (5, 'Alice Van der Berg', 'alice.vanderberg5@mail.example.org', 71, TIMESTAMPTZ '2024-02-25T02:00:13Z'),
  (6, 'Søren 李', 'soren.user6@correo.example.es', 39, TIMESTAMPTZ '2024-11-20T10:34:18Z'),
  (7, 'Hiroshi Sørensen', 'hiroshi.sorensen7@correo.example.es', 63, TIMESTAMPTZ '2024-04-02T07:49:11Z'),
  (8, 'Zoë Brown', 'zoe.brown8@correo.example.es', 24, TIMESTAMPTZ '2024-02-20T07:34:10Z'),
  (9, 'Olga Van der Berg', 'olga.vanderberg9@correo.example.es', 75, TIMESTAMPTZ '2024-07-22T14:08:17Z'),
  (10, 'Ümit Nakamura', 'umit.nakamura10@correo.example.es', 66, TIMESTAMPTZ '2024-10-09T19:04:37Z'),
  (11, 'Zoë Quiñones', 'zoe.quinones11@correo.example.es', 47, TIMESTAMPTZ '2024-09-23T12:36:37Z'),
  (12, 'Quentin Wang', 'quentin.wang12@example.de', 64, TIMESTAMPTZ '2024-04-17T03:04:34Z');

COMMIT;
