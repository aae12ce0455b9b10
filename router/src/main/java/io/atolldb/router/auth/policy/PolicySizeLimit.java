package io.atolldb.router.auth.policy;

/**
 * IAM's quotas on the size of identity-based policies, counted in characters without white space (IAM User Guide,
 * "IAM and AWS STS quotas"). The quota depends on where a policy is attached, which the document does not know, so
 * the caller that attaches it checks with {@link #check}.
 */
public enum PolicySizeLimit {
    /** The inline policies of one user, together. */
    USER_INLINE("UserPolicySize", 2_048),
    /** The inline policies of one group, together. */
    GROUP_INLINE("GroupPolicySize", 5_120),
    /** The inline policies of one role, together. */
    ROLE_INLINE("RolePolicySize", 10_240),
    /** One managed policy. */
    MANAGED("PolicySize", 6_144);

    private final String quotaName;
    private final int maxCharacters;

    PolicySizeLimit(String quotaName, int maxCharacters) {
        this.quotaName = quotaName;
        this.maxCharacters = maxCharacters;
    }

    public String quotaName() {
        return quotaName;
    }

    public int maxCharacters() {
        return maxCharacters;
    }

    /** Refuses, with IAM's LimitExceeded, policies whose sizes together ({@link PolicyDocument#size()}) exceed this quota. */
    public void check(int totalSize) {
        if (totalSize > maxCharacters) {
            throw PolicyErrors.tooLarge(this);
        }
    }
}
