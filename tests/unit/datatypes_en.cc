// PN/EN -> HumanName, ON -> string (mappingGuidance.md "CDA name -> FHIR name", ConceptMap
// CF-NameUse).
#include <boost/test/unit_test.hpp>

#include "../datatypes/dt_cases.h"

using namespace ccdafhir;
using namespace ccdafhir::dt;
using ccdafhir::dt_test::Case;
using ccdafhir::dt_test::check_cases;
using ccdafhir::dt_test::DtFixture;

BOOST_AUTO_TEST_SUITE(datatypes)

BOOST_AUTO_TEST_CASE(human_name_parts_and_period) {
  static const Case kCases[] = {
      {R"(<name use="L"><prefix>Mrs.</prefix><given>Isabella</given><given>Isa</given>
            <family>Jones</family><suffix>PhD</suffix>
            <validTime><low value="19750501"/><high value="20100101"/></validTime></name>)",
       R"({"use":"usual","family":"Jones","given":["Isabella","Isa"],"prefix":["Mrs."],"suffix":["PhD"],"period":{"start":"1975-05-01","end":"2010-01-01"}})",
       0},
      {R"(<name><given>  Mary   Ann </given><family>Smith</family><family>Jones</family></name>)",
       R"({"family":"Smith Jones","given":["Mary Ann"]})", 0},
      {R"(<name><given nullFlavor="UNK"/><family>Doe</family></name>)", R"({"family":"Doe"})", 0},
      {R"(<name nullFlavor="UNK"/>)", "null", 0},
      {R"(<name use="L"><given/></name>)", "null", 0},
      // Unstructured name.
      {R"(<name>  Dr. Henry   Seven </name>)", R"({"text":"Dr. Henry Seven"})", 0},
  };
  check_cases(human_name, kCases);
  DtFixture f;
  BOOST_TEST(human_name(nullptr, f.ctx).is_null());
}

BOOST_AUTO_TEST_CASE(human_name_use_follows_cf_name_use) {
  static const Case kCases[] = {
      {R"(<name use="L"><family>A</family></name>)", R"({"use":"usual","family":"A"})", 0},
      {R"(<name use="C"><family>A</family></name>)", R"({"use":"official","family":"A"})", 0},
      {R"(<name use="A"><family>A</family></name>)", R"({"use":"nickname","family":"A"})", 0},
      {R"(<name use="P"><family>A</family></name>)", R"({"use":"anonymous","family":"A"})", 0},
      {R"(<name use="P"><given qualifier="CL">Bo</given></name>)",
       R"({"use":"nickname","given":["Bo"]})", 0},
      // No @use but a call-me part: nickname (CF-NameUse comment).
      {R"(<name><given qualifier="CL">Bo</given></name>)", R"({"use":"nickname","given":["Bo"]})",
       0},
      // Explicit use wins over the qualifier.
      {R"(<name use="L"><given qualifier="CL">Bo</given></name>)",
       R"({"use":"usual","given":["Bo"]})", 0},
      {R"(<name use="SRCH"><family>A</family></name>)", R"({"family":"A"})", 1},
      {R"(<name use="ABC L"><family>A</family></name>)", R"({"use":"usual","family":"A"})", 1},
  };
  check_cases(human_name, kCases);
}

BOOST_AUTO_TEST_CASE(organization_name_is_normalised_text) {
  static const Case kCases[] = {
      {R"(<name>  Good Health
             Clinic </name>)",
       R"("Good Health Clinic")", 0},
      {R"(<name nullFlavor="UNK"/>)", "null", 0},
  };
  check_cases(organization_name, kCases);
}

BOOST_AUTO_TEST_SUITE_END()
