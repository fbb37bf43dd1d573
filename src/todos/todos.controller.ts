import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentUser } from '../common/auth.decorators';
import { TodoList } from './todo.dto';
import { TodosService } from './todos.service';

/** 待办: what waits on the caller, by role; every signed-in person gets their own. */
@ApiTags('待办')
@ApiBearerAuth()
@Controller('api/v1/todos')
export class TodosController {
  constructor(private readonly todos: TodosService) {}

  @Get()
  @ApiOkResponse({ type: TodoList })
  listTodos(@CurrentUser() actor: Actor): Promise<TodoList> {
    return this.todos.forActor(actor);
  }
}
