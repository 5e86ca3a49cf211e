-- Resolve's look-up reads, for every candidate, its initiative row and each member's profile, at
-- random places in tables far larger than shared_buffers. Both rows were wider than PostgreSQL's
-- 2 kB TOAST threshold because they also carry a MinHash as a jsonb array of 100 numbers (about
-- 1 kB), which the look-up never reads for them: the toaster then moved the mention's profile
-- out of line (a TOAST index probe and a read of a 190 MB TOAST table for every member), and the
-- initiative row filled twice the pages it needs. Storing the MinHash out of line and preferring
-- the profile in line keeps the look-up's rows, and its reads, to one page each. Rows written from
-- now on take the new layout (SET STORAGE does not rewrite existing rows; an UPDATE or VACUUM FULL
-- does). Apply reads an initiative's MinHash once per update: one extra TOAST read, off the
-- look-up's path.
ALTER TABLE "mentions" ALTER COLUMN "minhash" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "mentions" ALTER COLUMN "profile" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "initiatives" ALTER COLUMN "minhash" SET STORAGE EXTERNAL;
