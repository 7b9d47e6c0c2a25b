package tms.store;

/** SQL for the {@code merchant} table (statements in MerchantMapper.xml). */
public interface MerchantMapper {

    void insert(Merchant m);

    /** The merchant with this MID, or null. */
    Merchant findByMid(String mid);

    /** A new trading name for the merchant (a change application the platform approved); the MID stays. */
    void rename(@org.apache.ibatis.annotations.Param("mid") String mid,
                @org.apache.ibatis.annotations.Param("name") String name);
}
