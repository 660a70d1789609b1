/**
 * Leases: distributed locks with fencing tokens on any {@link dev.leasehold.kv.Store}.
 *
 * <p>Start with {@link dev.leasehold.locks.LockClient}; a held lock is a {@link dev.leasehold.locks.Lease},
 * configured by {@link dev.leasehold.locks.LockOptions}. A lock is one store entry whose value names the holder;
 * its version at acquisition is the fencing token, which strictly increases from holder to holder because a
 * store never reuses a version, not even after a delete.
 */
package dev.leasehold.locks;
