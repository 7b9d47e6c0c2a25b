package tms.admin;

import java.util.Arrays;
import java.util.Optional;

/**
 * The 31 mainland provincial divisions, by their GB/T 2260 code, and the region whose staff handle an installation
 * there.
 *
 * <p>Source: appendix 2 of the company's activation procedure (seed 000, "国银通用户管理中心人员分工列表", summarised in
 * DOMAIN.md), which assigns 华北 Shanxi, Shaanxi, Hebei, Beijing, Tianjin; 东北 Heilongjiang, Jilin, Liaoning; 华东
 * Shandong, Jiangsu, Shanghai, Anhui; 华中 Chongqing, Hubei, Henan and Zhejiang (sic: the seed lists Zhejiang under
 * Central, and the seed wins); 西南 Sichuan, Guizhou, Yunnan, Guangxi; 华南 Hunan, Guangdong, Hainan, Fujian, Jiangxi.
 * It says the installation address decides. The seed names no staff for six divisions; they go where the usual
 * geographic division puts them, or to the nearest team: Inner Mongolia to North (华北 conventionally includes it),
 * Tibet to South-West (西南 conventionally includes it), and the north-west (Gansu, Qinghai, Ningxia, Xinjiang), which
 * has no team of its own, to North, whose team already covers Shaanxi.
 */
public enum Province {
    BEIJING("11", "Beijing", "北京", Region.NORTH),
    TIANJIN("12", "Tianjin", "天津", Region.NORTH),
    HEBEI("13", "Hebei", "河北", Region.NORTH),
    SHANXI("14", "Shanxi", "山西", Region.NORTH),
    INNER_MONGOLIA("15", "Inner Mongolia", "内蒙古", Region.NORTH),
    LIAONING("21", "Liaoning", "辽宁", Region.NORTH_EAST),
    JILIN("22", "Jilin", "吉林", Region.NORTH_EAST),
    HEILONGJIANG("23", "Heilongjiang", "黑龙江", Region.NORTH_EAST),
    SHANGHAI("31", "Shanghai", "上海", Region.EAST),
    JIANGSU("32", "Jiangsu", "江苏", Region.EAST),
    ZHEJIANG("33", "Zhejiang", "浙江", Region.CENTRAL),
    ANHUI("34", "Anhui", "安徽", Region.EAST),
    FUJIAN("35", "Fujian", "福建", Region.SOUTH_CHINA),
    JIANGXI("36", "Jiangxi", "江西", Region.SOUTH_CHINA),
    SHANDONG("37", "Shandong", "山东", Region.EAST),
    HENAN("41", "Henan", "河南", Region.CENTRAL),
    HUBEI("42", "Hubei", "湖北", Region.CENTRAL),
    HUNAN("43", "Hunan", "湖南", Region.SOUTH_CHINA),
    GUANGDONG("44", "Guangdong", "广东", Region.SOUTH_CHINA),
    GUANGXI("45", "Guangxi", "广西", Region.SOUTH_WEST),
    HAINAN("46", "Hainan", "海南", Region.SOUTH_CHINA),
    CHONGQING("50", "Chongqing", "重庆", Region.CENTRAL),
    SICHUAN("51", "Sichuan", "四川", Region.SOUTH_WEST),
    GUIZHOU("52", "Guizhou", "贵州", Region.SOUTH_WEST),
    YUNNAN("53", "Yunnan", "云南", Region.SOUTH_WEST),
    TIBET("54", "Tibet", "西藏", Region.SOUTH_WEST),
    SHAANXI("61", "Shaanxi", "陕西", Region.NORTH),
    GANSU("62", "Gansu", "甘肃", Region.NORTH),
    QINGHAI("63", "Qinghai", "青海", Region.NORTH),
    NINGXIA("64", "Ningxia", "宁夏", Region.NORTH),
    XINJIANG("65", "Xinjiang", "新疆", Region.NORTH);

    private final String code;
    private final String title;
    private final String chinese;
    private final Region region;

    Province(String code, String title, String chinese, Region region) {
        this.code = code;
        this.title = title;
        this.chinese = chinese;
        this.region = region;
    }

    /** The two-digit GB/T 2260 code (also the first two digits of a local ID number). */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String chinese() {
        return chinese;
    }

    public Region region() {
        return region;
    }

    public static Optional<Province> byCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }

    /** By code, constant name, English or Chinese name; refused with the list of codes otherwise. */
    public static Province parse(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new ApplicationFieldRefused("choose the province of the installation address");
        }
        String t = typed.trim();
        for (Province p : values()) {
            if (p.code.equals(t) || p.name().equalsIgnoreCase(t) || p.title.equalsIgnoreCase(t) || p.chinese.equals(t)) {
                return p;
            }
        }
        throw new ApplicationFieldRefused("province '" + t + "' is not a mainland province: give its two-digit "
                + "GB/T 2260 code (e.g. 44 for Guangdong) or its name");
    }
}
