package tms.store;

/** SQL for the {@code merchant} table (statements in MerchantMapper.xml). */
public interface MerchantMapper {

    void insert(Merchant m);

    /** The merchant with this MID, or null. */
    Merchant findByMid(String mid);
}
