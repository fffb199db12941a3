--
-- PostgreSQL database dump
--

\restrict XKeb2P3NM226z6WgJTcLcE2F4JTyKzTiKTxoDJ5XlzB3JrcCYFfdvp0hdKvd353

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: devices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.devices (
    fingerprint text NOT NULL,
    name text NOT NULL,
    card text NOT NULL,
    last_seq bigint NOT NULL,
    last_hash text NOT NULL,
    problem text,
    token_hash text,
    last_contact_ms bigint,
    reported_head bigint
);


--
-- Name: hub_schema; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hub_schema (
    version bigint NOT NULL
);


--
-- Name: pull_leases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pull_leases (
    pad text NOT NULL,
    holder text NOT NULL,
    until_ms bigint NOT NULL
);


--
-- Name: records; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.records (
    device text NOT NULL,
    seq bigint NOT NULL,
    uuid text NOT NULL,
    kind text NOT NULL,
    body text NOT NULL,
    received_ms bigint NOT NULL,
    wall_ms bigint,
    level text DEFAULT ''::text NOT NULL,
    txn_window text DEFAULT ''::text NOT NULL,
    staff text DEFAULT ''::text NOT NULL,
    service_item text DEFAULT ''::text NOT NULL,
    department text DEFAULT ''::text NOT NULL,
    prompt_id text DEFAULT ''::text NOT NULL,
    pad_wall_ms bigint,
    boot_id text DEFAULT ''::text NOT NULL,
    mono_ns bigint DEFAULT 0 NOT NULL,
    clock text DEFAULT 'unmarked'::text NOT NULL
);


--
-- Data for Name: devices; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.devices VALUES ('c728450457a56e742ed0d85fdc535608', 'bench-c728450457a5-2', '{"software":"","channel":"","window":"","hall":"","public_key":"sDB6am9F9YB70gixP9VvIt+iCWqYAnRJ6jk3GnZIjKQ=","area_code":"","fingerprint":"c728450457a56e742ed0d85fdc535608","department":"","channel_code":0}', 10, '332c5b8c4849541c7b9b868f2e38a5ced312c6646e0120b49940d04c0a845443', NULL, NULL, 1796425489056, 10);
INSERT INTO public.devices VALUES ('c387852fb1ab062db317ead54a914e0c', 'bench-c387852fb1ab-0', '{"channel":"","window":"","department":"","area_code":"","public_key":"O4v/nDPeX6R+hJVc5OFCGmhUDnocKu9+GOKtZ7u0/uY=","hall":"","software":"","channel_code":0,"fingerprint":"c387852fb1ab062db317ead54a914e0c"}', 10, '848443feedc1ad3a1424df5565968a07cd5a30a7ceebe750d16d72cfea7d2d3e', NULL, NULL, 1796425489054, 10);
INSERT INTO public.devices VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 'bench-9cfdf25ced9d-1', '{"fingerprint":"9cfdf25ced9dadc2ed322c36d31a87ee","department":"","window":"","channel":"","software":"","hall":"","channel_code":0,"public_key":"/JgW+gvIDzHAFvi85+F5nUjA2HSnG3bgZHU+JAR6g1E=","area_code":""}', 10, '7c4f9a91ff162d943cdfadd0f66e7f648d86f81a476a0c5a76c50636b596092a', NULL, NULL, 1796425489055, 10);
INSERT INTO public.devices VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 'bench-028cd16339fa-3', '{"fingerprint":"028cd16339fa4f02f13bdc4b3a79bff0","department":"","window":"","channel":"","software":"","hall":"","channel_code":0,"public_key":"IPBZhFC6x6hDYX0La+RSfTatE7f6kW3KLuEyS0EksKk=","area_code":""}', 10, '92ffa575bcfb5c6f913be80a1655f3db52e5d918126232345060ab60ccae6070', NULL, NULL, 1796425489055, 10);


--
-- Data for Name: hub_schema; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.hub_schema VALUES (3);


--
-- Data for Name: pull_leases; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: records; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 1, '7399f10a-3ee2-43e3-b334-ddec26b760a3', 'rating', '{"seq":1,"uuid":"7399f10a-3ee2-43e3-b334-ddec26b760a3","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p0","source":"counter","transaction":{"number":"BJ-0-0","service_item_code":"ITEM-0","service_item_name":"","staff_number":"S0-0","window":"1","department":"","stage":"finished"},"level":"very_satisfied","reasons":[],"channel":"window_pad","hash":"728a323767025cb9aa1c49b7f12a57c89d1fc4ac61e03047bdf031593b0097c2","signature":"s1xcShaFk5Xi8QWWi9c3bvBpnbC5BTrWpkFkWxQV0xsJbIMMKRBNpQVK7YKUN1Gr2s4iKsACLR2mBQ3mxHqjAw==","clock_known":false}', 1796425489041, 1796425488939, 'very_satisfied', '1', 'S0-0', 'ITEM-0', '', 'p0', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 2, '96261606-0285-4d44-97d6-7986c522741e', 'rating', '{"seq":2,"uuid":"96261606-0285-4d44-97d6-7986c522741e","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p1","source":"counter","transaction":{"number":"BJ-0-1","service_item_code":"ITEM-1","service_item_name":"","staff_number":"S0-1","window":"1","department":"","stage":"finished"},"level":"satisfied","reasons":[],"channel":"window_pad","hash":"fcc638c480c95b37c20620c70c9eb013d3eba41db20aca567c9e38ea86c9e0c6","signature":"PaUDr+r8SN/KlcROT0yL9/5/+xltUn6DmXUhHHqcaWg50dZD6e8USSZl7Hfoc8/Eg0t5B8h7vvXnQIhgYC81DA==","clock_known":false}', 1796425489041, 1796425488939, 'satisfied', '1', 'S0-1', 'ITEM-1', '', 'p1', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 3, '5aaae10d-621c-4ad9-ba4b-030fb39648d9', 'rating', '{"seq":3,"uuid":"5aaae10d-621c-4ad9-ba4b-030fb39648d9","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p2","source":"counter","transaction":{"number":"BJ-0-2","service_item_code":"ITEM-2","service_item_name":"","staff_number":"S0-2","window":"1","department":"","stage":"finished"},"level":"basically_satisfied","reasons":[],"channel":"window_pad","hash":"b17875f469d4d5f054a4f1ea9090bf43227d94f0f0db6d7c91633ab498393ed5","signature":"MeRa7Ynw7pJxeOcuqrpnhdw3RtCvIU06uA4luHBlOlcY0GJOMnHUAgHLzVb8Eq3G/DdwbY9POyt3nWDYPSdKAA==","clock_known":false}', 1796425489041, 1796425488939, 'basically_satisfied', '1', 'S0-2', 'ITEM-2', '', 'p2', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 4, '319d9f21-4323-4f53-9301-7c34c39ce2d5', 'rating', '{"seq":4,"uuid":"319d9f21-4323-4f53-9301-7c34c39ce2d5","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p3","source":"counter","transaction":{"number":"BJ-0-3","service_item_code":"ITEM-3","service_item_name":"","staff_number":"S0-0","window":"1","department":"","stage":"finished"},"level":"dissatisfied","reasons":[],"channel":"window_pad","hash":"063a04dfbce679394f4fffe40d2a6065b640e0f8135c55c3e1f393fa5799f8b3","signature":"gQFb4VCgDa6LBOwTnagkgER73ys/6Vc63W+QpG1Hrxb905Tk9mFUaSGS7u4fOXS2FUjo21Y12tchL/B1lsYGAA==","clock_known":false}', 1796425489041, 1796425488939, 'dissatisfied', '1', 'S0-0', 'ITEM-3', '', 'p3', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 5, '106d6bf9-6421-47b3-9abf-d96d26798c13', 'rating', '{"seq":5,"uuid":"106d6bf9-6421-47b3-9abf-d96d26798c13","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p4","source":"counter","transaction":{"number":"BJ-0-4","service_item_code":"ITEM-4","service_item_name":"","staff_number":"S0-1","window":"1","department":"","stage":"finished"},"level":"very_dissatisfied","reasons":[],"channel":"window_pad","hash":"95eb455113cc86d682008a21e3481fc8ae8e5c2e7c01095267e8da893d1199e2","signature":"cjzRhb9kFnR7YqnfHMrlsCwvPGyQiFeTxYD4TmtNK2BIIVRJgRx5HnSWvAx8R8VN8ayW5K8g8DrzBllpjaWUAQ==","clock_known":false}', 1796425489041, 1796425488939, 'very_dissatisfied', '1', 'S0-1', 'ITEM-4', '', 'p4', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 6, '66f6e095-0ed4-42a2-805b-e2af6200dfd1', 'rating', '{"seq":6,"uuid":"66f6e095-0ed4-42a2-805b-e2af6200dfd1","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p5","source":"counter","transaction":{"number":"BJ-3-5","service_item_code":"ITEM-5","service_item_name":"","staff_number":"S3-2","window":"4","department":"","stage":"finished"},"level":"dissatisfied","reasons":[],"channel":"window_pad","hash":"d64d0804cde523636b860c47f5277622e6d38c489bfcec6bf1897a99ae3b5d0a","signature":"73mVmHCL7SaToVd0YtFBYwUmQM6e1EnOo9Kqw5rMYeZnhfB8BRcYbzlPtlW6zjb9KlmzTBZ2P/eLVETGSj2pBQ==","clock_known":false}', 1796425489051, 1796425488959, 'dissatisfied', '4', 'S3-2', 'ITEM-5', '', 'p5', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 7, '0c58f0a5-5546-4f1c-81fd-3dcc45d1f9d5', 'rating', '{"seq":7,"uuid":"0c58f0a5-5546-4f1c-81fd-3dcc45d1f9d5","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p6","source":"counter","transaction":{"number":"BJ-3-6","service_item_code":"ITEM-6","service_item_name":"","staff_number":"S3-0","window":"4","department":"","stage":"finished"},"level":"very_dissatisfied","reasons":[],"channel":"window_pad","hash":"3c008aab080238b73a3b81e1a7300aa023641443351f197daae8d60a03265e2b","signature":"k6eqfFlS9Pr+LSw1WKCZX+DfMOATBbIz2Yxd7d5OWYGkVWnXwWe393AXsMLFFEhdd0FOLbcRm1j0hftk/Y7UAw==","clock_known":false}', 1796425489051, 1796425488959, 'very_dissatisfied', '4', 'S3-0', 'ITEM-6', '', 'p6', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 8, 'f7f052e7-d718-43c8-914b-5d1db7fb4b7a', 'rating', '{"seq":8,"uuid":"f7f052e7-d718-43c8-914b-5d1db7fb4b7a","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p7","source":"counter","transaction":{"number":"BJ-3-7","service_item_code":"ITEM-7","service_item_name":"","staff_number":"S3-1","window":"4","department":"","stage":"finished"},"level":"very_satisfied","reasons":[],"channel":"window_pad","hash":"28f45795f59158354518b629e0074a83d42dc0a2b79caebe6740808a60d74653","signature":"/E1B+erqLnPkSTy1RPPhwnQqhPNVFwlUr7Tquj14PBH8CDbDqeLxNV8anXqjbQ0TOo0ux/0TKnFqslqcSmajCg==","clock_known":false}', 1796425489051, 1796425488959, 'very_satisfied', '4', 'S3-1', 'ITEM-7', '', 'p7', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 9, 'b2b482ab-1ab1-4c71-871d-81005c163193', 'rating', '{"seq":9,"uuid":"b2b482ab-1ab1-4c71-871d-81005c163193","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p8","source":"counter","transaction":{"number":"BJ-3-8","service_item_code":"ITEM-8","service_item_name":"","staff_number":"S3-2","window":"4","department":"","stage":"finished"},"level":"satisfied","reasons":[],"channel":"window_pad","hash":"f1ba326a5e0c2651cc256410b9b49c8bd5ee9e21edfaea4010ffe30b676ddbc8","signature":"wamEM9ZzQXfrlC1pg4OOES3CXX/V5dgbOHaBBa1s5W0kv6EuoHkQ4ZXmZGjfTlnRhalDNMzdn7n+dAzi3puhAw==","clock_known":false}', 1796425489051, 1796425488959, 'satisfied', '4', 'S3-2', 'ITEM-8', '', 'p8', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 1, 'f666fe26-446b-47ed-b023-8caa3a50cdb3', 'rating', '{"seq":1,"uuid":"f666fe26-446b-47ed-b023-8caa3a50cdb3","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p0","source":"counter","transaction":{"number":"BJ-1-0","service_item_code":"ITEM-0","service_item_name":"","staff_number":"S1-0","window":"2","department":"","stage":"finished"},"level":"satisfied","reasons":[],"channel":"window_pad","hash":"504ae72ee15b1e4af0d4070da64cbdf778b22c0d01a69dfc69aac34251c0b0ac","signature":"E31pjzj/STBYad2EEWA3jyqMYYKDpBgTf0p/rOxBee21EdigMtc/anZQd4nVmi+DpG+JzR8YSq46IVT0RPPJCg==","clock_known":false}', 1796425489038, 1796425488947, 'satisfied', '2', 'S1-0', 'ITEM-0', '', 'p0', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 2, 'fbb942cd-0e28-4213-9a34-20b5b865b198', 'rating', '{"seq":2,"uuid":"fbb942cd-0e28-4213-9a34-20b5b865b198","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p1","source":"counter","transaction":{"number":"BJ-1-1","service_item_code":"ITEM-1","service_item_name":"","staff_number":"S1-1","window":"2","department":"","stage":"finished"},"level":"basically_satisfied","reasons":[],"channel":"window_pad","hash":"999fac6c64983d039c8e68549072fe7fe8fc1f30ce6c19f788c5720b3baa3277","signature":"kY9CxrFRBlP1cSGXXUkQXZQa3Vh/HSFoX40nKcOPM+0sRH7lKzZP64VxP3Nq/Hm/8SN5xMNPDXmzD5K/u7ewDw==","clock_known":false}', 1796425489038, 1796425488947, 'basically_satisfied', '2', 'S1-1', 'ITEM-1', '', 'p1', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 3, 'c3e6cd01-fcc9-4434-9cfb-4760e17feec8', 'rating', '{"seq":3,"uuid":"c3e6cd01-fcc9-4434-9cfb-4760e17feec8","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p2","source":"counter","transaction":{"number":"BJ-1-2","service_item_code":"ITEM-2","service_item_name":"","staff_number":"S1-2","window":"2","department":"","stage":"finished"},"level":"dissatisfied","reasons":[],"channel":"window_pad","hash":"ec82b0a92f321d6e55d2ca4142728167729d9b0a86cbe1077609921e51b321f1","signature":"ODOd9cwcYGBpLyiAajNPkws8ggipFwvlasCkFi8kKa3BytbkK0l8X2TvaUii3gGT70ZO0JO6W76b++I+u3JrBA==","clock_known":false}', 1796425489038, 1796425488947, 'dissatisfied', '2', 'S1-2', 'ITEM-2', '', 'p2', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 4, 'dd3f3f3b-64e1-47fb-a72a-b3e2b977f02e', 'rating', '{"seq":4,"uuid":"dd3f3f3b-64e1-47fb-a72a-b3e2b977f02e","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p3","source":"counter","transaction":{"number":"BJ-1-3","service_item_code":"ITEM-3","service_item_name":"","staff_number":"S1-0","window":"2","department":"","stage":"finished"},"level":"very_dissatisfied","reasons":[],"channel":"window_pad","hash":"149dd959936ea984d815f01aaac17a688a809f1b0a912dfffcb23fb06b45c437","signature":"ZRvRWMpNoEwGk1qFwjdVMP0DcvAJMoxPDdgVpkQ2w76Y2M7+bd0hj3Qj+a2Ckwf7+hJVI+/Q/mZGU5eNy2JQBg==","clock_known":false}', 1796425489038, 1796425488947, 'very_dissatisfied', '2', 'S1-0', 'ITEM-3', '', 'p3', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 5, '64e231f0-b75f-4308-8adc-aa6f8a891c2a', 'rating', '{"seq":5,"uuid":"64e231f0-b75f-4308-8adc-aa6f8a891c2a","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p4","source":"counter","transaction":{"number":"BJ-1-4","service_item_code":"ITEM-4","service_item_name":"","staff_number":"S1-1","window":"2","department":"","stage":"finished"},"level":"very_satisfied","reasons":[],"channel":"window_pad","hash":"6c7083f68ae1353bbbf1af2b5bf6043c382f08ebc2c0c8797fb50988f27126ec","signature":"KQ6BAyd0LM6Mu3pP9Y1U3EoQuEaUEsZO21uxwqTrRcxeVR+ewrk33uDTC1Ppiolt4T75c+qaNvFyUhmKPQUOCg==","clock_known":false}', 1796425489038, 1796425488947, 'very_satisfied', '2', 'S1-1', 'ITEM-4', '', 'p4', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 6, 'c2649594-ea84-491e-a5cc-6d171e0d1dbe', 'rating', '{"seq":6,"uuid":"c2649594-ea84-491e-a5cc-6d171e0d1dbe","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p5","source":"counter","transaction":{"number":"BJ-2-5","service_item_code":"ITEM-5","service_item_name":"","staff_number":"S2-2","window":"3","department":"","stage":"finished"},"level":"basically_satisfied","reasons":[],"channel":"window_pad","hash":"c97ed46886e59949ca852eb9d5335b976e8ca1eb1824c74fdc7f7552dfb2d342","signature":"oZwOdJ7d6ZgMnZfIgjkKzx9z9TT0EFWJtZG8PsjbMBIw+Kk/dWpWV/Nr2o6ebrj3UVi7TciSu13w+O/DAzTkCQ==","clock_known":false}', 1796425489053, 1796425488953, 'basically_satisfied', '3', 'S2-2', 'ITEM-5', '', 'p5', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 7, 'ee989403-782a-4f01-97cc-e4b98d7144f4', 'rating', '{"seq":7,"uuid":"ee989403-782a-4f01-97cc-e4b98d7144f4","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p6","source":"counter","transaction":{"number":"BJ-2-6","service_item_code":"ITEM-6","service_item_name":"","staff_number":"S2-0","window":"3","department":"","stage":"finished"},"level":"dissatisfied","reasons":[],"channel":"window_pad","hash":"e3d5abcd031cb90dc66d43304285fe233a9e535e9fae99620464f00896dca113","signature":"azM2ftxreMpRoN4poKWcO+IqC6mPkz4XDwviJ/EaB2oCxggKecICeTt1KHjx1CIkwEc4B5/wR0lHsWsC+wWEDw==","clock_known":false}', 1796425489053, 1796425488953, 'dissatisfied', '3', 'S2-0', 'ITEM-6', '', 'p6', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 8, 'f7ad60d7-d816-4150-a5f7-f44cd3f978ae', 'rating', '{"seq":8,"uuid":"f7ad60d7-d816-4150-a5f7-f44cd3f978ae","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p7","source":"counter","transaction":{"number":"BJ-2-7","service_item_code":"ITEM-7","service_item_name":"","staff_number":"S2-1","window":"3","department":"","stage":"finished"},"level":"very_dissatisfied","reasons":[],"channel":"window_pad","hash":"260e74822799bd90d67f6e57653be090812cc5e36c6a1542992de42d9a9f2baf","signature":"GpPtoGVmWVpSJBLJ4l+ZbxDuv5nOSxex8gELOIdiwmbB2HsaoPzasb4Bx4vON2Dz1Tu9g+lK8b9ek0jWCBHHBg==","clock_known":false}', 1796425489053, 1796425488953, 'very_dissatisfied', '3', 'S2-1', 'ITEM-7', '', 'p7', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 9, '887632b0-add5-4176-9943-bf4013fb7f61', 'rating', '{"seq":9,"uuid":"887632b0-add5-4176-9943-bf4013fb7f61","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p8","source":"counter","transaction":{"number":"BJ-2-8","service_item_code":"ITEM-8","service_item_name":"","staff_number":"S2-2","window":"3","department":"","stage":"finished"},"level":"very_satisfied","reasons":[],"channel":"window_pad","hash":"c7e92c4833fb4aa67799bfeb9393cb6c4a387809c7e3bdb3f7c43b54e7bc30b9","signature":"V0y1xzApL5JxsR9JTQsSepKRRG+QgMigrc6ELnLV2Nr4rq7gTxLCtp5QxHfh4dbWDEOpZzMoCWZ6CHryVHTmAg==","clock_known":false}', 1796425489053, 1796425488953, 'very_satisfied', '3', 'S2-2', 'ITEM-8', '', 'p8', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 1, '3352ac37-df1e-41e8-b903-9550317f0f1a', 'rating', '{"seq":1,"uuid":"3352ac37-df1e-41e8-b903-9550317f0f1a","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p0","source":"counter","transaction":{"number":"BJ-3-0","service_item_code":"ITEM-0","service_item_name":"","staff_number":"S3-0","window":"4","department":"","stage":"finished"},"level":"dissatisfied","reasons":[],"channel":"window_pad","hash":"f88bef1b50c9958f4514d8d809842aa648dc78e7903b6cf087f0c66f98ad63fa","signature":"WEOZhjQ1gfEk2YJ2XhgUHR7LIykZMeLvnThUVVX44ohFcThsFW5h2ZI8tWuKn4Sj/gzHi9oliDJkxaMzP7/EBA==","clock_known":false}', 1796425489043, 1796425488959, 'dissatisfied', '4', 'S3-0', 'ITEM-0', '', 'p0', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 2, 'b09ce2c7-7e73-4aab-be5c-96d4c973a910', 'rating', '{"seq":2,"uuid":"b09ce2c7-7e73-4aab-be5c-96d4c973a910","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p1","source":"counter","transaction":{"number":"BJ-3-1","service_item_code":"ITEM-1","service_item_name":"","staff_number":"S3-1","window":"4","department":"","stage":"finished"},"level":"very_dissatisfied","reasons":[],"channel":"window_pad","hash":"8348c4ada7cfe562c69dd45bc96b517769ef1a93d91c5e085fbaca4a023e0421","signature":"KG00stS6TW1mMNajpt8U/G6141jR2+5ODAP4nMeoRxOELWsnJsZJgUJugAKwXDSGgFuEqGzK6c8hqMo5J7XeCg==","clock_known":false}', 1796425489043, 1796425488959, 'very_dissatisfied', '4', 'S3-1', 'ITEM-1', '', 'p1', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 3, '29eb3231-b044-4846-b8c5-b39c77281cd0', 'rating', '{"seq":3,"uuid":"29eb3231-b044-4846-b8c5-b39c77281cd0","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p2","source":"counter","transaction":{"number":"BJ-3-2","service_item_code":"ITEM-2","service_item_name":"","staff_number":"S3-2","window":"4","department":"","stage":"finished"},"level":"very_satisfied","reasons":[],"channel":"window_pad","hash":"5c6f4d585d7af654a0766c8053396c82a60c3ebf64eba71456b09199cd69cf44","signature":"Vb+7WTSgetrs+7jLxJOmuNHiyveAwJ/+tnWRDccqxm0a8VocZn2xq9n2pracs4bAFwgFBQCkkBq9deHLvcvZAQ==","clock_known":false}', 1796425489043, 1796425488959, 'very_satisfied', '4', 'S3-2', 'ITEM-2', '', 'p2', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 4, 'c322f1e9-89c0-4e54-97e0-88589f05615e', 'rating', '{"seq":4,"uuid":"c322f1e9-89c0-4e54-97e0-88589f05615e","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p3","source":"counter","transaction":{"number":"BJ-3-3","service_item_code":"ITEM-3","service_item_name":"","staff_number":"S3-0","window":"4","department":"","stage":"finished"},"level":"satisfied","reasons":[],"channel":"window_pad","hash":"24d412cfe82ac8a5c2f607fcdaf7ff7f5551d80ad7482a91b44cf5725c757043","signature":"jb0JuwYYSRi4M+hZy7P57M/sVm50JJVMCytzwEtHqjOrikVMYKaVKDmk9PsjozFQ7NuRZc3wccv9mBVKW9MJDQ==","clock_known":false}', 1796425489043, 1796425488959, 'satisfied', '4', 'S3-0', 'ITEM-3', '', 'p3', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 5, 'fe62c6e0-acde-40dd-9469-e3edef90fcdf', 'rating', '{"seq":5,"uuid":"fe62c6e0-acde-40dd-9469-e3edef90fcdf","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p4","source":"counter","transaction":{"number":"BJ-3-4","service_item_code":"ITEM-4","service_item_name":"","staff_number":"S3-1","window":"4","department":"","stage":"finished"},"level":"basically_satisfied","reasons":[],"channel":"window_pad","hash":"a253a1871b643cf8759256a19170a38b31f80588c2328d98463251f6b5f49940","signature":"fZyamgR9Cp1nr6KNAcMc98W5mR7tAdAZNSyj5BWsqAQXrPm/8KvtgpQnhxUREwttBPv6sRIxGAkIt3u/cVN6BQ==","clock_known":false}', 1796425489043, 1796425488959, 'basically_satisfied', '4', 'S3-1', 'ITEM-4', '', 'p4', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 6, '03e1fce7-2eff-4b01-a6df-b10e457a71d6', 'rating', '{"seq":6,"uuid":"03e1fce7-2eff-4b01-a6df-b10e457a71d6","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p5","source":"counter","transaction":{"number":"BJ-0-5","service_item_code":"ITEM-5","service_item_name":"","staff_number":"S0-2","window":"1","department":"","stage":"finished"},"level":"very_satisfied","reasons":[],"channel":"window_pad","hash":"d426e39f12fa55b8963d3e607790e539878df536d4437b8f3459e3986b0c2e86","signature":"IQPdfkHW1Fzyvqyti5pYx4F/lxykTWdqcgDcu9z7YZjcUmoeu4iZ0k7C4goweAcoJHFtoEeYxUcHHOUTiaFLCw==","clock_known":false}', 1796425489050, 1796425488939, 'very_satisfied', '1', 'S0-2', 'ITEM-5', '', 'p5', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 7, '3a5b2d9c-b3d4-4c83-ad6e-2a7d18ea2117', 'rating', '{"seq":7,"uuid":"3a5b2d9c-b3d4-4c83-ad6e-2a7d18ea2117","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p6","source":"counter","transaction":{"number":"BJ-0-6","service_item_code":"ITEM-6","service_item_name":"","staff_number":"S0-0","window":"1","department":"","stage":"finished"},"level":"satisfied","reasons":[],"channel":"window_pad","hash":"dd7d162a069c044e73ee383e20f797ba73348b92de808e4e4bcaaadfbd512929","signature":"RbNHo4tkWZRmXoQtagmMl5sUaCjoKME+fupMIL73kZFzLOBZwkFMnguQ6TxYYVRWUHP42tlwM/r+bzTc0KAoBQ==","clock_known":false}', 1796425489050, 1796425488939, 'satisfied', '1', 'S0-0', 'ITEM-6', '', 'p6', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 8, '585de0c2-70e6-49a4-8691-21e458d88ef3', 'rating', '{"seq":8,"uuid":"585de0c2-70e6-49a4-8691-21e458d88ef3","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p7","source":"counter","transaction":{"number":"BJ-0-7","service_item_code":"ITEM-7","service_item_name":"","staff_number":"S0-1","window":"1","department":"","stage":"finished"},"level":"basically_satisfied","reasons":[],"channel":"window_pad","hash":"d220b5dd80d9aa4439da7cf417a8663ee0471dba0cef395e69c93c80e508d7c7","signature":"MRItZmdNims3x/lQHU3T6UsOARYX9acj0XvVEpoTE3pkFRB8ZjNZWe5wgTcKuz4jnFeqHA3wY+Yu91/I7NpnAA==","clock_known":false}', 1796425489050, 1796425488939, 'basically_satisfied', '1', 'S0-1', 'ITEM-7', '', 'p7', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 9, '76a35134-1da7-4f55-b9ea-d3de40780538', 'rating', '{"seq":9,"uuid":"76a35134-1da7-4f55-b9ea-d3de40780538","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p8","source":"counter","transaction":{"number":"BJ-0-8","service_item_code":"ITEM-8","service_item_name":"","staff_number":"S0-2","window":"1","department":"","stage":"finished"},"level":"dissatisfied","reasons":[],"channel":"window_pad","hash":"6c25c072b03377d3ab5b066f8fe5e2ec76af940e8d46af21f59866c1436eb3da","signature":"jui6zaaFms1adMO1NjaDt465tPufYIsd6GHO+3EvsTOiFAwhv0XpYlwUXQQ44eHHLtwFijYluKHutcFt50N+Dw==","clock_known":false}', 1796425489050, 1796425488939, 'dissatisfied', '1', 'S0-2', 'ITEM-8', '', 'p8', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('c387852fb1ab062db317ead54a914e0c', 10, '5072252b-2c2e-412c-8b2c-331ad708f77d', 'rating', '{"seq":10,"uuid":"5072252b-2c2e-412c-8b2c-331ad708f77d","kind":"rating","wall_ms":1796425488939,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930662380132,"prompt_id":"p9","source":"counter","transaction":{"number":"BJ-0-9","service_item_code":"ITEM-9","service_item_name":"","staff_number":"S0-0","window":"1","department":"","stage":"finished"},"level":"very_dissatisfied","reasons":[],"channel":"window_pad","hash":"848443feedc1ad3a1424df5565968a07cd5a30a7ceebe750d16d72cfea7d2d3e","signature":"o9i5+yNFfql+Hi5C8ksEyMZJGC/8qupFXJJ/eBhjdZRG/rzkpjaV4fwqaCB2bN7DrDbYjbWmPMct0GXvZIxyCA==","clock_known":false}', 1796425489050, 1796425488939, 'very_dissatisfied', '1', 'S0-0', 'ITEM-9', '', 'p9', 1796425488939, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930662380132, 'uncorrected');
INSERT INTO public.records VALUES ('028cd16339fa4f02f13bdc4b3a79bff0', 10, '0042b770-2e63-4e36-b552-52cefc7ad235', 'rating', '{"seq":10,"uuid":"0042b770-2e63-4e36-b552-52cefc7ad235","kind":"rating","wall_ms":1796425488959,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930682355614,"prompt_id":"p9","source":"counter","transaction":{"number":"BJ-3-9","service_item_code":"ITEM-9","service_item_name":"","staff_number":"S3-0","window":"4","department":"","stage":"finished"},"level":"basically_satisfied","reasons":[],"channel":"window_pad","hash":"92ffa575bcfb5c6f913be80a1655f3db52e5d918126232345060ab60ccae6070","signature":"i8sKFnTgWw4aZZq4Oz6XNiOF7imv2jhijeT4LT+Wg9AKljifO7GuwmfiTU+bK+RKkVPytn/+zdwnWv2Czqc/Cg==","clock_known":false}', 1796425489051, 1796425488959, 'basically_satisfied', '4', 'S3-0', 'ITEM-9', '', 'p9', 1796425488959, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930682355614, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 10, '9baa8a15-6bb5-4e09-bdee-9913a9507a46', 'rating', '{"seq":10,"uuid":"9baa8a15-6bb5-4e09-bdee-9913a9507a46","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p9","source":"counter","transaction":{"number":"BJ-1-9","service_item_code":"ITEM-9","service_item_name":"","staff_number":"S1-0","window":"2","department":"","stage":"finished"},"level":"very_satisfied","reasons":[],"channel":"window_pad","hash":"7c4f9a91ff162d943cdfadd0f66e7f648d86f81a476a0c5a76c50636b596092a","signature":"O4GH+13bNfLfiBhQX6gpdLou3zHjT7YzsdcE7JBxb7lld6B5ZwRVa5sZnHbxf5OTe0E+QIGxgXSESMabPrXoBQ==","clock_known":false}', 1796425489051, 1796425488947, 'very_satisfied', '2', 'S1-0', 'ITEM-9', '', 'p9', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 10, '30f2628d-cc72-4f37-827d-6368539a546c', 'rating', '{"seq":10,"uuid":"30f2628d-cc72-4f37-827d-6368539a546c","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p9","source":"counter","transaction":{"number":"BJ-2-9","service_item_code":"ITEM-9","service_item_name":"","staff_number":"S2-0","window":"3","department":"","stage":"finished"},"level":"satisfied","reasons":[],"channel":"window_pad","hash":"332c5b8c4849541c7b9b868f2e38a5ced312c6646e0120b49940d04c0a845443","signature":"+m8kwimpozbgGNTioVdk72a8Drg9aKfBT1fYiU4WtZPacAWS8+kyuw/qzojm0rUuY3m7IHSFcjqqWnjxcepWBg==","clock_known":false}', 1796425489053, 1796425488953, 'satisfied', '3', 'S2-0', 'ITEM-9', '', 'p9', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 1, '6cc424fb-0010-4e1f-894e-529966ebe7bd', 'rating', '{"seq":1,"uuid":"6cc424fb-0010-4e1f-894e-529966ebe7bd","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p0","source":"counter","transaction":{"number":"BJ-2-0","service_item_code":"ITEM-0","service_item_name":"","staff_number":"S2-0","window":"3","department":"","stage":"finished"},"level":"basically_satisfied","reasons":[],"channel":"window_pad","hash":"54e9dd8612fceb6e68310df035af1f47b447133a3e8ec7e4e055705391c7f43e","signature":"1bu1r7CMAOK+4Ol7JKQPPfOi5gPjunQp9np7uOQDUei6f9sVQXBoS5aRkqeux8Dmt+TTkBzdtY/O5FtiEJprAw==","clock_known":false}', 1796425489041, 1796425488953, 'basically_satisfied', '3', 'S2-0', 'ITEM-0', '', 'p0', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 2, '663fee8a-61c3-4d0e-bbec-115f873b3703', 'rating', '{"seq":2,"uuid":"663fee8a-61c3-4d0e-bbec-115f873b3703","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p1","source":"counter","transaction":{"number":"BJ-2-1","service_item_code":"ITEM-1","service_item_name":"","staff_number":"S2-1","window":"3","department":"","stage":"finished"},"level":"dissatisfied","reasons":[],"channel":"window_pad","hash":"b47fb2a398e350624f5e807ef379e0bb730254c62603aed4aaea1a142d7b4cdb","signature":"eAajhRI3gMYIkgK1V+9G06bGMODc1x2hRg5C1Pcmb+dJqJKFsh36AXxo84/tmmilJ/xTpEtSMMsATcF0sggJCw==","clock_known":false}', 1796425489041, 1796425488953, 'dissatisfied', '3', 'S2-1', 'ITEM-1', '', 'p1', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 3, 'bf740fda-97e2-48be-9013-2e1a8436f083', 'rating', '{"seq":3,"uuid":"bf740fda-97e2-48be-9013-2e1a8436f083","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p2","source":"counter","transaction":{"number":"BJ-2-2","service_item_code":"ITEM-2","service_item_name":"","staff_number":"S2-2","window":"3","department":"","stage":"finished"},"level":"very_dissatisfied","reasons":[],"channel":"window_pad","hash":"f4e5eb2b8ab9e6e4d415fc0d0640517f22e7ff70d274550eed83dbf3670ee646","signature":"ZZ5aFW7kmjnwYQvqaf61333q7bq8xiAy8mHBaUX2k+ZA9x46tvhOUB6uuSkxB+KNbx35BiaNs7kg3x5/mXAiBg==","clock_known":false}', 1796425489041, 1796425488953, 'very_dissatisfied', '3', 'S2-2', 'ITEM-2', '', 'p2', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 4, 'eeea7117-cf96-46dc-9990-f6b28ffa706a', 'rating', '{"seq":4,"uuid":"eeea7117-cf96-46dc-9990-f6b28ffa706a","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p3","source":"counter","transaction":{"number":"BJ-2-3","service_item_code":"ITEM-3","service_item_name":"","staff_number":"S2-0","window":"3","department":"","stage":"finished"},"level":"very_satisfied","reasons":[],"channel":"window_pad","hash":"6cad19e4c647e47ac0979fc15c1a30f26bc325b7756dabd96d623702b6b0dcc6","signature":"bFTGb1/X+dCsANvSwiGBE9kHLwOcPFX1r9p7AI+p4H6LTbRnmql26u+zLWIm9UeDMmbzvZljteZ8OYqGjo7vCw==","clock_known":false}', 1796425489041, 1796425488953, 'very_satisfied', '3', 'S2-0', 'ITEM-3', '', 'p3', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('c728450457a56e742ed0d85fdc535608', 5, 'f2ef16a5-a40a-40d2-8ad3-3cc9ade6613f', 'rating', '{"seq":5,"uuid":"f2ef16a5-a40a-40d2-8ad3-3cc9ade6613f","kind":"rating","wall_ms":1796425488953,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930676433456,"prompt_id":"p4","source":"counter","transaction":{"number":"BJ-2-4","service_item_code":"ITEM-4","service_item_name":"","staff_number":"S2-1","window":"3","department":"","stage":"finished"},"level":"satisfied","reasons":[],"channel":"window_pad","hash":"6209de5c6f7f973daaf41f5a43f1f499d6e8ae0c5d54f6ca3e26773b9ba11fea","signature":"KkJ9sMIvWya/q6GGtX935M5VS7S9BSB8WC6Mg9JUU7ucXVMFdy4wPJJkcjm6bMI+3Lr5EfMWCdCxZkM7Sz28Cg==","clock_known":false}', 1796425489041, 1796425488953, 'satisfied', '3', 'S2-1', 'ITEM-4', '', 'p4', 1796425488953, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930676433456, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 6, 'e08ba477-b2c8-462a-8e1e-d775c0b6a084', 'rating', '{"seq":6,"uuid":"e08ba477-b2c8-462a-8e1e-d775c0b6a084","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p5","source":"counter","transaction":{"number":"BJ-1-5","service_item_code":"ITEM-5","service_item_name":"","staff_number":"S1-2","window":"2","department":"","stage":"finished"},"level":"satisfied","reasons":[],"channel":"window_pad","hash":"6d364359a3cd9bcf454e79d6f4d67f8974054de581fec4717a207c6f3dc0c728","signature":"+FNPIsg+KOUzZCcA+hBS6l77Rkw3eDtN/aI3pIuVH/TMTQJqdcRcLfqnIDhMM6ZtWsUSeE+etTE7m22o1TwgBg==","clock_known":false}', 1796425489051, 1796425488947, 'satisfied', '2', 'S1-2', 'ITEM-5', '', 'p5', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 7, 'fea853e6-c894-4926-888a-e30db7dc4e4f', 'rating', '{"seq":7,"uuid":"fea853e6-c894-4926-888a-e30db7dc4e4f","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p6","source":"counter","transaction":{"number":"BJ-1-6","service_item_code":"ITEM-6","service_item_name":"","staff_number":"S1-0","window":"2","department":"","stage":"finished"},"level":"basically_satisfied","reasons":[],"channel":"window_pad","hash":"7aa631a80de115dee45cb0e5d197cd8d8e54d8626282fffa219c533db3899434","signature":"sQliTs1JxeHgyExaeRdLm67u/0PfBXjgUvxuqpa3j/dFIjlTXeWgAeiuwLNSGw0b5+Csd56q+YvD4g7366erDA==","clock_known":false}', 1796425489051, 1796425488947, 'basically_satisfied', '2', 'S1-0', 'ITEM-6', '', 'p6', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 8, 'ac9effef-daff-43ff-87d4-f395bb4effa0', 'rating', '{"seq":8,"uuid":"ac9effef-daff-43ff-87d4-f395bb4effa0","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p7","source":"counter","transaction":{"number":"BJ-1-7","service_item_code":"ITEM-7","service_item_name":"","staff_number":"S1-1","window":"2","department":"","stage":"finished"},"level":"dissatisfied","reasons":[],"channel":"window_pad","hash":"42eb2ea25f9184da25461414168901202c7a95e59a0112944cf759a4ae8ffc1a","signature":"Mfuh4xJ3cSQofqfPvI9zGvZFE9JAU+luNzUNT+gHDwdlbPKdO9qGXkolXbkQd1B/XMLKvL3puxtWBBwvKMtyAw==","clock_known":false}', 1796425489051, 1796425488947, 'dissatisfied', '2', 'S1-1', 'ITEM-7', '', 'p7', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');
INSERT INTO public.records VALUES ('9cfdf25ced9dadc2ed322c36d31a87ee', 9, 'c0c53bd9-3e0d-4d7c-9023-a1b11d618956', 'rating', '{"seq":9,"uuid":"c0c53bd9-3e0d-4d7c-9023-a1b11d618956","kind":"rating","wall_ms":1796425488947,"utc_offset_seconds":0,"boot_id":"bf12540f-2aff-4d0d-9fa4-d6941d8c7aca","monotonic_ns":1930670503587,"prompt_id":"p8","source":"counter","transaction":{"number":"BJ-1-8","service_item_code":"ITEM-8","service_item_name":"","staff_number":"S1-2","window":"2","department":"","stage":"finished"},"level":"very_dissatisfied","reasons":[],"channel":"window_pad","hash":"9c8adf26310aec9190cdfb78fe71db2fcdab61285692cdd64d32bbc3cf4fc6ae","signature":"GkqznnTlCwTEc0e/zrcZQ7GA9tUyVrfYOxudVC2q1cunfwF6WIsFDwIKJXQOHHPNQhOI/hZydcJCEhd+M/CIBw==","clock_known":false}', 1796425489051, 1796425488947, 'very_dissatisfied', '2', 'S1-2', 'ITEM-8', '', 'p8', 1796425488947, 'bf12540f-2aff-4d0d-9fa4-d6941d8c7aca', 1930670503587, 'uncorrected');


--
-- Name: devices devices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.devices
    ADD CONSTRAINT devices_pkey PRIMARY KEY (fingerprint);


--
-- Name: pull_leases pull_leases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pull_leases
    ADD CONSTRAINT pull_leases_pkey PRIMARY KEY (pad);


--
-- Name: records records_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.records
    ADD CONSTRAINT records_pkey PRIMARY KEY (device, seq);


--
-- Name: records records_uuid_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.records
    ADD CONSTRAINT records_uuid_key UNIQUE (uuid);


--
-- Name: devices_by_token; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX devices_by_token ON public.devices USING btree (token_hash);


--
-- Name: records_by_kind_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX records_by_kind_time ON public.records USING btree (kind, wall_ms);


--
-- Name: records_uncorrected; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX records_uncorrected ON public.records USING btree (device, boot_id) WHERE (clock = 'uncorrected'::text);


--
-- Name: records records_device_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.records
    ADD CONSTRAINT records_device_fkey FOREIGN KEY (device) REFERENCES public.devices(fingerprint);


--
-- PostgreSQL database dump complete
--

\unrestrict XKeb2P3NM226z6WgJTcLcE2F4JTyKzTiKTxoDJ5XlzB3JrcCYFfdvp0hdKvd353

