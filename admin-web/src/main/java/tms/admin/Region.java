package tms.admin;

/** The regions user management divides its work by (DOMAIN.md: North, North-East, East, Central, South-West, South China). */
public enum Region {
    NORTH("North", "华北"),
    NORTH_EAST("North-East", "东北"),
    EAST("East", "华东"),
    CENTRAL("Central", "华中"),
    SOUTH_WEST("South-West", "西南"),
    SOUTH_CHINA("South China", "华南");

    private final String title;
    private final String chinese;

    Region(String title, String chinese) {
        this.title = title;
        this.chinese = chinese;
    }

    public String title() {
        return title;
    }

    public String chinese() {
        return chinese;
    }
}
