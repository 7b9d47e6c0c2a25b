package tms.store;

import org.apache.ibatis.annotations.Param;

/** SQL for the {@code number_block} table, used only by {@link NumberBlocks}. */
interface NumberBlockMapper {

    /** Moves the sequence on by {@code count}; 0 if the sequence does not exist yet. */
    int advance(@Param("name") String name, @Param("count") long count);

    /** The next value not yet reserved, or null if the sequence does not exist yet. */
    Long nextValue(@Param("name") String name);

    void create(@Param("name") String name, @Param("firstValue") long firstValue);
}
