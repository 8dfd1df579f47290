--
-- PostgreSQL database dump
--
SET client_encoding = 'UTF8';
CREATE TABLE public.t (id integer, name text, photo bytea);
COPY public.t (id, name, photo) FROM stdin;
1	Zo\303\253 \\N	\\x00ff
2	\N	\N
3	tab\there	\\x
\.
INSERT INTO t VALUES (4, replace('a\nb','\n',char(10)), X'00'), (-5, 'it''s', NULL);
