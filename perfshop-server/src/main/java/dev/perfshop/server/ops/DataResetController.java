package dev.perfshop.server.ops;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/admin/data", produces = MediaType.APPLICATION_JSON_VALUE)
class DataResetController {

  private final DataReset reset;

  DataResetController(DataReset reset) {
    this.reset = reset;
  }

  @PostMapping("/reset")
  DataReset.Result reset() {
    return reset.reset();
  }
}
