package tms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static tms.store.StoredRows.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tms.store.testing.TestDatabase;

class MerchantMapperTest {

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void storesMerchantAndStampsItsCreationInUtc(TestDatabase db) {
        Store store = db.open();
        Instant before = Instant.now();

        store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340001", "Chengdu Tea House", null));
            return null;
        });

        Merchant found = merchant(store, "898100012340001");
        assertThat(found.id()).isNotNull().isPositive();
        assertThat(found.mid()).isEqualTo("898100012340001");
        assertThat(found.name()).isEqualTo("Chengdu Tea House");
        // a database default in any other zone would be hours away from now
        assertThat(found.createdAt()).isCloseTo(before, within(1, ChronoUnit.MINUTES));
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void keepsAGivenCreationTimeToTheMicrosecond(TestDatabase db) {
        Store store = db.open();
        Instant created = Instant.parse("2023-12-31T23:59:59.999999Z");

        store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340002", "Kunming Noodles", created));
            return null;
        });

        assertThat(merchant(store, "898100012340002").createdAt())
                .isEqualTo(created);
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void answersNullForAnUnknownMid(TestDatabase db) {
        Store store = db.open();

        assertThat(merchant(store, "898100099999999")).isNull();
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void refusesASecondMerchantWithTheSameMid(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340003", "First", null));
            return null;
        });

        assertThatThrownBy(() -> store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "898100012340003", "Second", null));
            return null;
        })).satisfies(e -> assertThat(Store.isDuplicateKey(e)).as("isDuplicateKey(%s)", e).isTrue());

        assertThat(merchant(store, "898100012340003").name())
                .isEqualTo("First");
    }

    @ParameterizedTest
    @MethodSource("tms.store.testing.TestDatabases#all")
    void comparesMidsWithoutRegardToCaseOnEveryEngine(TestDatabase db) {
        Store store = db.open();
        store.write(s -> {
            s.getMapper(MerchantMapper.class).insert(new Merchant(null, "89810001234ABCD", "Mixed", null));
            return null;
        });

        // MySQL's default collations ignore case; H2 runs with IGNORECASE=TRUE so the embedded store agrees
        assertThat(merchant(store, "89810001234abcd"))
                .extracting(Merchant::name).isEqualTo("Mixed");
    }
}
